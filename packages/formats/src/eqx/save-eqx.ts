import { npyRecordsLayout } from '../codecs/npy-layout.js';
import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';
import { eqxLeafTensor } from './eqx-leaves.js';
import type { EqxLeaf } from './eqx-leaves.js';

/**
 * Writes leaves as `eqx.tree_serialise_leaves` does, the same bytes as {@link writeEqxLeaves},
 * streaming: record by record, each header then its data block by block (lazy tensors are read
 * and transformed per block), through an atomic write. The file is laid out by
 * `eqxCodec.layout`'s function, so the two cannot drift.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a leaf that is not a tensor or Python scalar;
 *   E_OUTPUT_IS_INPUT; E_IO; what reading a lazy tensor's source throws (no output and no
 *   temporary file are left behind).
 * @example
 * ```ts
 * await saveEqxLeaves('model.eqx', [weight, bias], { onProgress: (p) => bar.update(p.done / p.total) });
 * ```
 */
export async function saveEqxLeaves(path: string, leaves: readonly EqxLeaf[], options: StreamWriteOptions = {}): Promise<void> {
  const layout = npyRecordsLayout(leaves.map(eqxLeafTensor));
  await writeStreamAtomic(path, layout.byteLength, options, (out) => layout.write(out));
}
