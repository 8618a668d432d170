import { defineKind } from '../define-kind.js';
import type { Shape } from '../../tensor/tensor.js';
import { lastAxis, replaceLast } from './feature-axes.js';

type CellNode = { kind: string; params: { inputSize: number; hiddenSize: number } };

const cellShape = (ir: CellNode, inputShape: Shape): number[] => {
  lastAxis(ir.kind, inputShape, ir.params.inputSize);
  return replaceLast(inputShape, ir.params.hiddenSize);
};

const sizes = { inputSize: 'int', hiddenSize: 'int' } as const;

/** `lstm-cell`: inputKernel `[in, 4h]`, hiddenKernel `[h, 4h]`, bias `[4h]`, gate blocks i, f, g, o. */
export const lstmCellKind = defineKind({
  kind: 'lstm-cell',
  description: 'LSTM cell',
  params: sizes,
  tensors: { inputKernel: 'required', hiddenKernel: 'required', bias: 'optional' },
  outputShape: (ir, inputShape) => cellShape(ir, inputShape),
  outputShapeWithoutInput: (ir) => [ir.params.hiddenSize],
});

/** `gru-cell`: the cuDNN variant; inputKernel `[in, 3h]`, hiddenKernel `[h, 3h]` (blocks r, z, n), bias `[3h]`, hiddenBiasN `[h]`. */
export const gruCellKind = defineKind({
  kind: 'gru-cell',
  description: 'GRU cell, cuDNN variant',
  params: sizes,
  tensors: { inputKernel: 'required', hiddenKernel: 'required', bias: 'optional', hiddenBiasN: 'optional' },
  outputShape: (ir, inputShape) => cellShape(ir, inputShape),
  outputShapeWithoutInput: (ir) => [ir.params.hiddenSize],
});

/** `gru-cell-cho`: the Cho-2014 variant; gateKernel `[in+h, 2h]`, gateBias `[2h]`, candidateKernel `[in+h, h]`, candidateBias `[h]`. */
export const gruCellChoKind = defineKind({
  kind: 'gru-cell-cho',
  description: 'GRU cell, Cho-2014 variant',
  params: sizes,
  tensors: { gateKernel: 'required', gateBias: 'optional', candidateKernel: 'required', candidateBias: 'optional' },
  outputShape: (ir, inputShape) => cellShape(ir, inputShape),
  outputShapeWithoutInput: (ir) => [ir.params.hiddenSize],
});
