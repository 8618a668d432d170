const CODEC_METHODS = ['detect', 'list', 'open', 'write'] as const;
const FILES_METHODS = ['read', 'fromSpec', 'write', 'forward'] as const;
const OPTIONAL_CODEC_METHODS = ['fits', 'openSource', 'layout'] as const;
const OPTIONAL_FILES_METHODS = ['readTree', 'writeTree'] as const;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Every problem of a format codec, each prefixed by where it is (`files.formats.0.detect: ...`). */
export function codecProblems(codec: unknown, at = ''): string[] {
  const c = (codec ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['id', 'title'] as const) if (!isText(c[key])) problems.push(`${at}${key}: expected a non-empty string`);
  for (const key of CODEC_METHODS) if (typeof c[key] !== 'function') problems.push(`${at}${key}: expected a function`);
  for (const key of OPTIONAL_CODEC_METHODS) {
    if (c[key] !== undefined && typeof c[key] !== 'function') problems.push(`${at}${key}: expected a function`);
  }
  if (c.noun !== undefined && !isText(c.noun)) problems.push(`${at}noun: expected a non-empty string`);
  if (c.extensions !== undefined && !(Array.isArray(c.extensions) && c.extensions.every(isText))) {
    problems.push(`${at}extensions: expected file name endings such as ['.safetensors']`);
  }
  return problems;
}

const DIRECTORY_METHODS = ['detect', 'open', 'arrays', 'write'] as const;

/** Every problem of a directory codec, each prefixed by where it is (`files.directories.0.open: ...`). */
export function directoryProblems(codec: unknown, at = ''): string[] {
  const c = (codec ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['id', 'title'] as const) if (!isText(c[key])) problems.push(`${at}${key}: expected a non-empty string`);
  for (const key of DIRECTORY_METHODS) if (typeof c[key] !== 'function') problems.push(`${at}${key}: expected a function`);
  return problems;
}

/** Every problem of a plugin's `files` part (none when it is absent). */
export function filesProblems(files: unknown): string[] {
  if (files === undefined) return [];
  const f = (files ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of FILES_METHODS) if (typeof f[key] !== 'function') problems.push(`files.${key}: expected a function`);
  for (const key of OPTIONAL_FILES_METHODS) {
    if (f[key] !== undefined && typeof f[key] !== 'function') problems.push(`files.${key}: expected a function when given`);
  }
  if (!Array.isArray(f.formats) || f.formats.length === 0) {
    problems.push('files.formats: expected a non-empty list of format codecs (the first is what convert writes)');
    return problems;
  }
  const seen = new Set<unknown>();
  f.formats.forEach((codec: unknown, i) => {
    problems.push(...codecProblems(codec, `files.formats.${i}.`));
    const id = (codec as { id?: unknown } | null)?.id;
    if (isText(id) && seen.has(id)) problems.push(`files.formats.${i}.id: "${id}" is listed twice`);
    seen.add(id);
  });
  if (f.directories !== undefined && !Array.isArray(f.directories)) problems.push('files.directories: expected a list of directory codecs');
  if (Array.isArray(f.directories)) {
    if (f.directories.length > 0 && (typeof f.readTree !== 'function' || typeof f.writeTree !== 'function')) {
      problems.push('files.directories: directory formats are read and written through readTree and writeTree, which are missing');
    }
    f.directories.forEach((codec: unknown, i) => {
      problems.push(...directoryProblems(codec, `files.directories.${i}.`));
      const id = (codec as { id?: unknown } | null)?.id;
      if (isText(id) && seen.has(id)) problems.push(`files.directories.${i}.id: "${id}" is listed twice`);
      seen.add(id);
    });
  }
  return problems;
}
