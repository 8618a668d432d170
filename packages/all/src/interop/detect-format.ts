import { InteropError } from '@interop/core';
import type { FormatCodec, PluginFiles } from '@interop/core';

/** A framework's files part with the framework's name. */
export interface NamedFiles extends PluginFiles {
  framework: string;
}

const or = (names: readonly string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);

function opensEmpty(codec: FormatCodec): boolean {
  try {
    codec.open(new Uint8Array());
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's format: the first of `codecs` (in detection order) that recognises its first bytes and
 * that the framework reads; an empty file is of the framework's format that has empty files (an
 * Equinox model without leaves).
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming what the file looks like and whose it could be.
 * @example
 * ```ts
 * const format = detectFormat(bytes, linenFiles, { files, codecs }, 'model.msgpack'); // 'msgpack'
 * ```
 */
export function detectFormat(
  bytes: Uint8Array,
  files: NamedFiles,
  known: { files: Readonly<Record<string, NamedFiles>>; codecs: readonly FormatCodec[] },
  path: string,
): string {
  const head = bytes.subarray(0, 16);
  const detected = known.codecs.filter((c) => c.detect(head));
  const ids = files.formats.map((c) => c.id);
  const native = bytes.length === 0 ? files.formats.find(opensEmpty) : detected.find((c) => ids.includes(c.id));
  if (native) return native.id;
  const seen = detected[0];
  const what = seen ? (seen.noun ?? `a ${seen.id} file`) : 'not a checkpoint format interop recognises';
  const owners = Object.values(known.files)
    .filter((f) => f.formats.some((c) => detected.includes(c)))
    .map((f) => f.framework);
  throw new InteropError('E_FORMAT_MISMATCH', `${path} is ${what}, but ${files.framework} checkpoints are ${ids.join(' or ')}`, {
    path,
    expected: ids.join(' or '),
    fix:
      owners.length > 0
        ? `Check --from: this file looks like one of ${or(owners)}`
        : 'Check that the file is a checkpoint and not truncated or corrupted',
  });
}
