import { Tensor, defineMapping } from '@interop/core';
import type { GRUCellIR } from '@interop/core';
import { DTYPE_FIELDS, GRU_GATES, gruGates, need, needed } from '@interop/flax';
import { LinenNode } from '../adapter.js';
import type { LinenLayerSpec } from '../layer-spec.js';
import { GRUCell } from '../modules/gru-cell.js';
import { hasExactly, leaf, subtree } from '../variables.js';
import type { VariableTree } from '../variables.js';

/**
 * `nn.GRUCell` ↔ `gru-cell` (the cuDNN form Linen computes): `ir, iz, in` kernels and biases,
 * `hr, hz, hn` kernels, `hn`'s bias as `hiddenBiasN`. An absent bias is built as exact zeros.
 *
 * @example
 * ```ts
 * gruCell.toIR(new LinenNode(new GRUCell(4), variables), ctx);
 * ```
 */
export const gruCell = defineMapping({
  meta: {
    framework: 'linen',
    layer: 'GRUCell',
    ir: 'gru-cell',
    status: 'stable',
    description: 'flax.linen.GRUCell ↔ gru-cell (ir, iz, in, hr, hz, hn)',
  },
  layerType: GRUCell,
  toIR: (node: LinenNode) => node.module.toIR(node.variables),
  fromIR: (ir: GRUCellIR) => {
    const h = ir.params.hiddenSize;
    const hiddenBiasN = ir.tensors.hiddenBiasN ?? Tensor.zeros([h], 'float32');
    const params: VariableTree = {};
    gruGates(ir).forEach((gate, k) => {
      const g = GRU_GATES[k]!;
      params[`i${g}`] = { kernel: gate.input, bias: gate.bias };
      params[`h${g}`] = g === 'n' ? { kernel: gate.hidden, bias: hiddenBiasN } : { kernel: gate.hidden };
    });
    return new LinenNode(new GRUCell(h), { params });
  },
});

/**
 * The spec of `nn.GRUCell`; inferred from its six gate Denses `ir, iz, in, hr, hz, hn`.
 *
 * @example
 * ```ts
 * gruCellSpec.write(new GRUCell(4)); // { type: 'GRUCell', features: 4 }
 * ```
 */
export const gruCellSpec: LinenLayerSpec<GRUCell> = {
  layerType: GRUCell,
  types: { GRUCell: ['features', 'dtype', 'param_dtype'] },
  fields: { features: needed('int', 8), ...DTYPE_FIELDS },
  read: (spec, { dtypes }) => new GRUCell(need(spec, 'features'), dtypes),
  write: (m) => ({ type: 'GRUCell', features: m.features }),
  infer: ({ params }) => {
    if (
      !hasExactly(
        params,
        GRU_GATES.flatMap((g) => [`i${g}`, `h${g}`]),
      )
    )
      return undefined;
    return new GRUCell(leaf(subtree(params, 'hn'), 'kernel')!.shape[0]!);
  },
};
