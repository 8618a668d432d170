import { writeStreamAtomic } from '../io/output-stream.js';
import type { StreamWriteOptions } from '../io/output-stream.js';
import { buildNpyHeader } from '../npy/header.js';
import { eqxLeafTensor } from './eqx-leaves.js';
import type { EqxLeaf } from './eqx-leaves.js';

/**
 * Writes leaves as `eqx.tree_serialise_leaves` does, the same bytes as {@link writeEqxLeaves},
 * streaming: record by record, each header then its data block by block (lazy tensors are read
 * and transformed per block), through an atomic write.
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
  const records = leaves.map((leaf) => {
    const tensor = eqxLeafTensor(leaf);
    return { tensor, header: buildNpyHeader(tensor.dtype, tensor.shape) };
  });
  const total = records.reduce((n, r) => n + r.header.length + r.tensor.byteLength, 0);
  await writeStreamAtomic(path, total, options, async (out) => {
    for (const r of records) {
      await out.bytes(r.header);
      await out.tensor(r.tensor);
    }
  });
}
