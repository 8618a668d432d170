/** How one JSON param is checked. */
export type ParamCheck =
  | 'int'
  | 'number'
  | 'ints'
  | 'padding'
  | 'paddingMode'
  | 'variance'
  | 'activation'
  | 'optionalNumber'
  | 'boolean'
  | 'string'
  | 'axes'
  | 'targetShape'
  | 'poolOp'
  | 'poolPadding';

/** For each built-in kind: its params and the tensor names it may hold. */
export const IR_SCHEMA: Readonly<Record<string, { params: Record<string, ParamCheck>; tensors: readonly string[] }>> = {
  linear: { params: { inFeatures: 'int', outFeatures: 'int' }, tensors: ['kernel', 'bias'] },
  embedding: { params: { numEmbeddings: 'int', features: 'int' }, tensors: ['embedding'] },
  conv: {
    params: {
      inFeatures: 'int',
      outFeatures: 'int',
      kernelSize: 'ints',
      strides: 'ints',
      padding: 'padding',
      paddingMode: 'paddingMode',
      inputDilation: 'ints',
      kernelDilation: 'ints',
      featureGroups: 'int',
    },
    tensors: ['kernel', 'bias'],
  },
  'layer-norm': { params: { featureShape: 'ints', epsilon: 'number', variance: 'variance' }, tensors: ['scale', 'bias'] },
  'rms-norm': { params: { featureShape: 'ints', epsilon: 'number' }, tensors: ['scale', 'bias'] },
  'group-norm': {
    params: { channels: 'int', numGroups: 'int', epsilon: 'number', variance: 'variance' },
    tensors: ['scale', 'bias'],
  },
  'batch-norm': { params: { channels: 'int', epsilon: 'number', momentum: 'number' }, tensors: ['mean', 'var', 'scale', 'bias'] },
  dropout: { params: { rate: 'number' }, tensors: [] },
  'lstm-cell': { params: { inputSize: 'int', hiddenSize: 'int' }, tensors: ['inputKernel', 'hiddenKernel', 'bias'] },
  'gru-cell': { params: { inputSize: 'int', hiddenSize: 'int' }, tensors: ['inputKernel', 'hiddenKernel', 'bias', 'hiddenBiasN'] },
  'gru-cell-cho': {
    params: { inputSize: 'int', hiddenSize: 'int' },
    tensors: ['gateKernel', 'gateBias', 'candidateKernel', 'candidateBias'],
  },
  activation: { params: { fn: 'activation', alpha: 'optionalNumber' }, tensors: [] },
  pool: {
    params: { op: 'poolOp', windowShape: 'ints', strides: 'ints', padding: 'poolPadding', countIncludePad: 'boolean' },
    tensors: [],
  },
  flatten: { params: {}, tensors: [] },
  reshape: { params: { shape: 'targetShape' }, tensors: [] },
  mean: { params: { axes: 'axes', keepdims: 'boolean' }, tensors: [] },
  softmax: { params: { axis: 'axes', log: 'boolean' }, tensors: [] },
  sequential: { params: {}, tensors: [] },
  module: { params: { name: 'string' }, tensors: [] },
};

const ACTIVATIONS = ['identity', 'relu', 'gelu', 'gelu_tanh', 'silu', 'tanh', 'sigmoid', 'softplus', 'elu', 'leaky_relu'];

function isInts(v: unknown): boolean {
  return Array.isArray(v) && v.every((d) => Number.isSafeInteger(d));
}

/** True when `value` passes `check`. */
export function passes(check: ParamCheck, value: unknown): boolean {
  switch (check) {
    case 'int':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'number':
      return typeof value === 'number';
    case 'optionalNumber':
      return value === undefined || typeof value === 'number';
    case 'ints':
      return isInts(value) && (value as number[]).every((d) => d >= 0);
    case 'padding':
      return (
        ['SAME', 'SAME_LOWER', 'VALID', 'CAUSAL'].includes(value as string) ||
        (Array.isArray(value) && value.every((pair) => isInts(pair) && (pair as number[]).length === 2))
      );
    case 'paddingMode':
      return ['zeros', 'circular', 'reflect', 'replicate'].includes(value as string);
    case 'variance':
      return value === 'fast' || value === 'two-pass';
    case 'activation':
      return ACTIVATIONS.includes(value as string);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'axes':
      return Number.isSafeInteger(value) || isInts(value);
    case 'targetShape':
      return isInts(value) && (value as number[]).every((d) => d >= -1);
    case 'poolOp':
      return value === 'max' || value === 'avg';
    case 'poolPadding':
      return value === 'SAME' || value === 'VALID' || (Array.isArray(value) && value.every((pair) => isInts(pair) && (pair as number[]).length === 2));
  }
}
