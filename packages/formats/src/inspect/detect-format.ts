import type { FormatCodec } from '@interop/core';
import { FORMAT_CODECS } from '../codecs/index.js';

/** A checkpoint format, by its codec's id (`msgpack`, `npy`, `eqx`, `npz`, `safetensors`, or a plugin's). */
export type FileFormat = string;

/**
 * Guesses a file's format from its first bytes (at least 9 are needed for safetensors): the id
 * of the first of `codecs` that recognises them. An npy record is reported as `npy`; telling it
 * from an Equinox stream needs the whole file, which {@link inspectFile} lists.
 *
 * @example
 * ```ts
 * detectFormat(new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])); // 'npy'
 * ```
 */
export function detectFormat(head: Uint8Array, codecs: readonly FormatCodec[] = FORMAT_CODECS): FileFormat | undefined {
  return codecs.find((c) => c.detect(head))?.id;
}
