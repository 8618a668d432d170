import type { Tensor } from '@interop/core';
import { unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { formatError } from '../errors.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { readNpy } from '../npy/read-npy.js';
import { writeNpy } from '../npy/write-npy.js';
import { checkNpzEntry } from './entry-checks.js';

/** Options of {@link readNpz}. */
export interface ReadNpzOptions {
  /** Size bounds; `maxArrayBytes` also caps each entry's uncompressed size. */
  limits?: Partial<ReadLimits>;
}

/** Options of {@link writeNpz}. */
export interface WriteNpzOptions {
  /** Deflate the entries, like `np.savez_compressed`. @default false (stored, like `np.savez`) */
  compress?: boolean;
}

/**
 * Reads a `.npz` archive (`np.savez` stored or `np.savez_compressed` deflated) into a map from
 * array name (without `.npy`) to tensor, in archive order.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a damaged archive; E_FORMAT_LIMIT for entries over
 *   the size limit (checked before inflating); E_FORMAT_DUPLICATE_KEY, E_FORMAT_UNSAFE_KEY; the
 *   npy codes, with the entry name as path.
 * @example
 * ```ts
 * const arrays = readNpz(await readFile('weights.npz'));
 * arrays.get('w')?.shape;
 * ```
 */
export function readNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Map<string, Tensor> {
  const limits = resolveLimits(options.limits);
  const names = new Set<string>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        checkNpzEntry({ name: file.name, method: file.compression, compressedSize: file.size, size: file.originalSize }, names, limits);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('E_')) throw e;
    throw formatError('E_FORMAT_CORRUPT', `Not a readable npz archive: ${(e as Error).message}`, { cause: e });
  }
  const out = new Map<string, Tensor>();
  for (const name of names) {
    const data = entries[name];
    if (data === undefined) continue;
    out.set(name.endsWith('.npy') ? name.slice(0, -4) : name, readNpy(data, { limits: options.limits, path: name }));
  }
  return out;
}

/**
 * Writes arrays as a `.npz` archive readable by `np.load` (entries `<name>.npy`, each exactly
 * what `np.save` writes). Zip framing and deflate bytes differ from Python's, values do not.
 *
 * @example
 * ```ts
 * const bytes = writeNpz(new Map([['w', w], ['b', b]]), { compress: true });
 * ```
 */
export function writeNpz(
  arrays: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  options: WriteNpzOptions = {},
): Uint8Array {
  const files: Zippable = Object.create(null) as Zippable;
  const entries = arrays instanceof Map ? [...arrays.entries()] : Object.entries(arrays);
  for (const [name, t] of entries) {
    files[`${name}.npy`] = [writeNpy(t), { level: options.compress ? 6 : 0 }];
  }
  return zipSync(files, { mtime: new Date(1980, 0, 1) });
}
