import type { Tensor } from '@interop/core';
import { safetensorsFileLayout } from '../codecs/safetensors-layout.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';

/**
 * Writes a `.safetensors` file, the same bytes as {@link writeSafetensors}, streaming: the header
 * (sizes come from shapes, so nothing is read first), then each tensor block by block (lazy
 * tensors are read and transformed per block), through an atomic write. The file is laid out by
 * `safetensorsCodec.layout`'s function, so the two cannot drift.
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT; E_IO; what reading a lazy tensor's source throws (no
 *   output and no temporary file are left behind).
 * @example
 * ```ts
 * await saveSafetensors('model.safetensors', new Map([['w', w]]), null, { onProgress });
 * ```
 */
export async function saveSafetensors(
  path: string,
  tensors: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
  options: StreamWriteOptions = {},
): Promise<void> {
  const layout = safetensorsFileLayout(tensors, metadata);
  await writeStreamAtomic(path, layout.byteLength, options, (out) => layout.write(out));
}
