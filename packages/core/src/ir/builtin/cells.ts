import type { Shape } from '../../tensor/tensor.js';
import type { TensorSchema } from '../define-kind.js';
import { defineKind } from '../define-kind.js';
import { lastAxis, replaceLast } from './feature-axes.js';

type CellNode = { kind: string; params: { inputSize: number; hiddenSize: number } };

function cellShape(ir: CellNode, inputShape: Shape): number[] {
  lastAxis(ir.kind, inputShape, ir.params.inputSize);
  return replaceLast(inputShape, ir.params.hiddenSize);
}

/** A recurrent cell kind: `inputSize` → `hiddenSize` on the last axis, one step from a zero carry. */
function cellKind<const K extends string, const T extends TensorSchema>(kind: K, description: string, tensors: T) {
  return defineKind({
    kind,
    description,
    params: { inputSize: 'int', hiddenSize: 'int' },
    tensors,
    outputShape: (ir, inputShape) => cellShape(ir, inputShape),
    outputShapeWithoutInput: (ir) => [ir.params.hiddenSize],
  });
}

/** `lstm-cell`: inputKernel `[in, 4h]`, hiddenKernel `[h, 4h]`, bias `[4h]`, gate blocks i, f, g, o. */
export const lstmCellKind = cellKind('lstm-cell', 'LSTM cell', { inputKernel: 'required', hiddenKernel: 'required', bias: 'optional' });

/** `gru-cell`: the cuDNN variant; inputKernel `[in, 3h]`, hiddenKernel `[h, 3h]` (blocks r, z, n), bias `[3h]`, hiddenBiasN `[h]`. */
export const gruCellKind = cellKind('gru-cell', 'GRU cell, cuDNN variant', {
  inputKernel: 'required',
  hiddenKernel: 'required',
  bias: 'optional',
  hiddenBiasN: 'optional',
});

/** `gru-cell-cho`: the Cho-2014 variant; gateKernel `[in+h, 2h]`, gateBias `[2h]`, candidateKernel `[in+h, h]`, candidateBias `[h]`. */
export const gruCellChoKind = cellKind('gru-cell-cho', 'GRU cell, Cho-2014 variant', {
  gateKernel: 'required',
  gateBias: 'optional',
  candidateKernel: 'required',
  candidateBias: 'optional',
});
