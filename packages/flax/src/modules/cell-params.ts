/**
 * The parameters of Flax's `LSTMCell` and `GRUCell` after the feature counts, from `gate_fn` to
 * `carry_init`, which Linen's dataclass and NNX's `__init__` list in the same order (camelCase);
 * NNX adds its own after them.
 */
export const CELL_SHARED_PARAMS: readonly string[] = [
  'gateFn',
  'activationFn',
  'kernelInit',
  'recurrentKernelInit',
  'biasInit',
  'dtype',
  'paramDtype',
  'carryInit',
];
