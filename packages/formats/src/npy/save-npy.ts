import type { Tensor } from '@interop/core';
import { npyRecordsLayout } from '../codecs/npy-layout.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';

/**
 * Writes a tensor to a `.npy` file, the same bytes as {@link writeNpy}, streaming: the header,
 * then the data block by block (a lazy tensor's pending layout steps run per block), through an
 * atomic write. The file is laid out by `npyCodec.layout`'s function, so the two cannot drift.
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT when `path` is one of `options.inputs`; E_IO; what
 *   reading a lazy tensor's source throws (no output and no temporary file are left behind).
 * @example
 * ```ts
 * await saveNpy('kernel.npy', transpose(file.tensor('params/Dense_0/kernel'), [1, 0]));
 * ```
 */
export async function saveNpy(path: string, tensor: Tensor, options: StreamWriteOptions = {}): Promise<void> {
  const layout = npyRecordsLayout([tensor]);
  await writeStreamAtomic(path, layout.byteLength, options, (out) => layout.write(out));
}
