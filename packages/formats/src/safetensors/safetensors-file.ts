import { Tensor } from '@interop/core';
import { closingOnError, openInput, readAt } from '../io/input-file.js';
import { fileRangeSource } from '../io/range-source.js';
import { resolveLimits } from '../limits.js';
import { readSafetensorsHeader } from './read-safetensors.js';
import type { ReadSafetensorsOptions, SafetensorsHeader } from './read-safetensors.js';

/** A `.safetensors` file opened for lazy reading. */
export interface SafetensorsFile {
  /** The file path. */
  readonly path: string;
  /** The parsed header. */
  readonly header: SafetensorsHeader;
  /** Tensors by name, in file (data) order, each lazy (nothing read until its values are needed). */
  readonly tensors: Map<string, Tensor>;
  /** The `__metadata__` string map, in file order, or `null` when absent. */
  readonly metadata: Map<string, string> | null;
  /** Closes the file; read or write the tensors before. */
  close(): Promise<void>;
}

/**
 * Opens a `.safetensors` file and reads only its header (with every check
 * {@link readSafetensors} makes); tensors come back lazy, read with positional reads when needed.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; the codes of
 *   {@link readSafetensorsHeader}.
 * @example
 * ```ts
 * const st = await openSafetensors('model.safetensors');
 * try { await saveSafetensors('copy.safetensors', st.tensors, st.metadata); } finally { await st.close(); }
 * ```
 */
export async function openSafetensors(path: string, options: ReadSafetensorsOptions = {}): Promise<SafetensorsFile> {
  const input = await openInput(path);
  return closingOnError(input, async () => {
    const first = await readAt(input.handle, 0, Math.min(8, input.size));
    let want = first.length;
    if (first.length === 8) {
      const n = new DataView(first.buffer, first.byteOffset, 8).getBigUint64(0, true);
      const cap = BigInt(resolveLimits(options.limits).maxHeaderBytes + 1);
      want = Math.min(input.size, 8 + Number(n < cap ? n : cap));
    }
    const head = want > first.length ? await readAt(input.handle, 0, want) : first;
    const header = readSafetensorsHeader(head, input.size, options);
    const tensors = new Map<string, Tensor>();
    for (const e of header.entries) {
      const source = fileRangeSource(
        input.handle,
        [{ offset: header.headerEnd + e.begin, byteLength: e.end - e.begin }],
        `${path}: ${e.name}`,
      );
      tensors.set(e.name, Tensor.fromSource(e.dtype, e.shape, source));
    }
    return { path, header, tensors, metadata: header.metadata, close: () => input.handle.close() };
  });
}
