export * from './errors/index.js';
export type { DType, DTypeInfo, DTypeStorage, TensorStorage } from './tensor/dtype.js';
export { DTYPES, dtypeInfo, isDType, isFloatDType } from './tensor/dtype.js';
export {
  bfloat16BitsToFloat32,
  decodeBfloat16,
  decodeFloat16,
  encodeBfloat16,
  encodeFloat16,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from './tensor/half.js';
export type { Shape } from './tensor/tensor.js';
export { Tensor, sizeOf, stridesOf } from './tensor/tensor.js';
export type {
  ActivationFn,
  ActivationIR,
  BatchNormIR,
  ConvIR,
  ConvPadding,
  DropoutIR,
  EmbeddingIR,
  GRUCellChoIR,
  GRUCellIR,
  GroupNormIR,
  IRFor,
  IRKind,
  IRKinds,
  IRNodeBase,
  LayerIR,
  LayerNormIR,
  LinearIR,
  LSTMCellIR,
  PaddingMode,
  RMSNormIR,
  SequentialIR,
  VarianceMode,
} from './ir/kinds.js';
export { BUILTIN_IR_KINDS } from './ir/kinds.js';
