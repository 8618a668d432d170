import { InteropError } from '@interop/core';
import type { FormatCodec } from '@interop/core';
import { writeBytesAtomic } from '@interop/formats';
import { detectFormat } from './detect-format.js';
import { isDirectoryPath, loadDirectory, saveDirectory } from './file-api-directory.js';
import { didYouMean, meantFrameworks } from './framework-names.js';
import type { NamedFiles } from './detect-format.js';
import type { LoadOptions, LoadSource, LoadedFile, SaveOptions, SaveTarget, SavedFile } from './file-types.js';
import type { FrameworkName, ModelOf } from './frameworks.js';

/** What the file API needs of an interop: each framework's files part and every known format. */
export interface FilesKnown {
  files: Readonly<Record<string, NamedFiles>>;
  codecs: readonly FormatCodec[];
}

/** Where an output's architecture spec goes, as `interop convert` writes it. */
export const archPathOf = (path: string): string => `${path}.arch.json`;

const pathOf = (target: string | URL): string => (typeof target === 'string' ? target : decodeURIComponent(target.pathname));

async function readPath(path: string): Promise<Uint8Array | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InteropError('E_IO', `Cannot read ${path}: ${(cause as Error).message}`, {
      path,
      fix: 'Check the path and that the file is readable',
    });
  }
}

async function bytesOf(source: LoadSource): Promise<{ bytes: Uint8Array; path?: string }> {
  if (source instanceof Uint8Array) return { bytes: source };
  if (source instanceof ArrayBuffer) return { bytes: new Uint8Array(source) };
  if (typeof Blob !== 'undefined' && source instanceof Blob) return { bytes: new Uint8Array(await source.arrayBuffer()) };
  if (typeof source === 'string' || source instanceof URL) {
    const path = pathOf(source);
    const bytes = await readPath(path);
    if (!bytes)
      throw new InteropError('E_IO', `Cannot read ${path}: no such file`, {
        path,
        fix: 'Check the path (relative paths start at the working directory)',
      });
    return { bytes, path };
  }
  throw new InteropError(
    'E_INVALID_ARGUMENT',
    `interop.load reads a path, bytes or a Blob, not ${source === null ? 'null' : typeof source}`,
    {
      fix: "Pass a file path (Node), a Uint8Array or a Blob: interop.load('model.msgpack', { framework: 'linen' })",
    },
  );
}

/** The framework's files part, or `E_MISSING_PLUGIN` naming the frameworks that have one. */
export function filesFor(known: FilesKnown, framework: string, call: string): NamedFiles {
  const files = known.files[framework];
  if (files) return files;
  const names = Object.keys(known.files);
  const meant = meantFrameworks(framework, names);
  throw new InteropError('E_MISSING_PLUGIN', `${call}: no plugin of framework "${framework}" reads and writes files${didYouMean(meant)}`, {
    expected: names.join(', '),
    fix:
      meant.length > 0
        ? `Pass { framework: '${meant[0]}' }`
        : `Pass { framework: ${names.map((n) => `'${n}'`).join(' | ')} }, or add the framework's plugin with interop.use(plugin)`,
  });
}

function checkFormat(files: NamedFiles, format: string): string {
  const ids = [...files.formats, ...(files.directories ?? [])].map((c) => c.id);
  if (ids.includes(format)) return format;
  throw new InteropError('E_INVALID_ARGUMENT', `"${format}" is not a ${files.framework} format`, {
    expected: ids.join(', '),
    fix: `Pass { format: ${ids.map((id) => `'${id}'`).join(' | ')} }, or leave it out to detect it`,
  });
}

/** {@link Interop.load} over the given files parts. */
export async function loadFile<F extends FrameworkName>(
  known: FilesKnown,
  source: LoadSource,
  options: LoadOptions<F>,
): Promise<LoadedFile<F>> {
  const files = filesFor(known, options.framework, 'interop.load');
  if ((typeof source === 'string' || source instanceof URL) && (await isDirectoryPath(pathOf(source)))) {
    const path = pathOf(source);
    const arch = options.spec === undefined ? await readPath(archPathOf(path)) : undefined;
    const read = await loadDirectory(files, path, {
      format: options.format === undefined ? undefined : checkFormat(files, options.format),
      step: options.step,
      item: options.item,
      spec: arch ? parseSpec(arch, archPathOf(path)) : options.spec,
      hints: { sampleInput: options.sampleInput },
    });
    return { model: read.model as ModelOf<F>, spec: read.spec, assumed: read.assumed, framework: options.framework, format: read.format };
  }
  const { bytes, path } = await bytesOf(source);
  const where = path ?? `the ${options.framework} file`;
  const format = options.format === undefined ? detectFormat(bytes, files, known, where) : checkFormat(files, options.format);
  let spec = options.spec;
  if (spec === undefined && path !== undefined) {
    const arch = await readPath(archPathOf(path));
    if (arch) spec = parseSpec(arch, archPathOf(path));
  }
  const read = files.read(bytes, format, spec, { sampleInput: options.sampleInput });
  return { model: read.model as ModelOf<F>, spec: read.spec, assumed: read.assumed, framework: options.framework, format };
}

function parseSpec(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (cause) {
    throw new InteropError('E_INVALID_SPEC', `${path} is not valid JSON: ${(cause as Error).message}`, {
      path,
      fix: 'Fix or delete the architecture file',
    });
  }
}

/** {@link Interop.save} over the given files parts. */
export async function saveFile<F extends FrameworkName>(
  known: FilesKnown,
  model: ModelOf<F>,
  target: SaveTarget,
  options: SaveOptions<F>,
): Promise<SavedFile> {
  const files = filesFor(known, options.framework, 'interop.save');
  const path = target === null || target === undefined ? undefined : pathOf(target);
  const byEnding = path === undefined ? undefined : files.formats.find((c) => c.extensions?.some((e) => path.endsWith(e)));
  const format = options.format === undefined ? (byEnding ?? files.formats[0]!).id : checkFormat(files, options.format);
  const directory = files.directories?.find((c) => c.id === format);
  if (directory) {
    if (path === undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', `interop.save: ${format} checkpoints are directories, and no path was given`, {
        fix: `Pass the directory to write: interop.save(model, 'ckpt', { framework: '${files.framework}', format: '${format}' })`,
      });
    }
    const spec = await saveDirectory(files, directory, model, path);
    const archPath = archPathOf(path);
    await writeBytesAtomic(archPath, new TextEncoder().encode(`${JSON.stringify(spec, null, 2)}\n`));
    const bytes = new Uint8Array();
    return { bytes, spec, format, path, archPath, blob: () => new Blob([bytes]) };
  }
  const { bytes, spec } = files.write(model, format);
  const blob = () => new Blob([bytes as Uint8Array<ArrayBuffer>]);
  if (path === undefined) return { bytes, spec, format, blob };
  const archPath = archPathOf(path);
  await writeBytesAtomic(archPath, new TextEncoder().encode(`${JSON.stringify(spec, null, 2)}\n`));
  await writeBytesAtomic(path, bytes);
  return { bytes, spec, format, path, archPath, blob };
}
