/** The checkpoint formats interop reads. `eqx` is a stream of `.npy` records with no index. */
export type FileFormat = 'msgpack' | 'npy' | 'eqx' | 'npz' | 'safetensors';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Guesses a file's format from its first bytes (at least 9 are needed for safetensors). An npy
 * record is reported as `npy`; telling it from an Equinox stream needs the file size, which
 * {@link inspectFile} checks.
 *
 * @example
 * ```ts
 * detectFormat(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])); // 'npy'
 * ```
 */
export function detectFormat(head: Uint8Array): FileFormat | undefined {
  if (startsWith(head, NPY_MAGIC)) return 'npy';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'npz';
  const first = head[0];
  if (first === undefined) return undefined;
  // A safetensors file starts with a small little-endian u64 header length, then '{'.
  if (head.length >= 9 && head[8] === 0x7b && head[5] === 0 && head[6] === 0 && head[7] === 0) return 'safetensors';
  // Flax and braintools files are a msgpack map at the top (fixmap, map16 or map32).
  if ((first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf) return 'msgpack';
  return undefined;
}
