/**
 * `@interop/core`: the IR, the registry and conversion engine, tensors and InteropError (no dependencies).
 *
 * @packageDocumentation
 * @module @interop/core
 */
export { createConversionContext } from './engine/context.js';
export type { ConversionContextInit } from './engine/context.js';
export type { InteropErrorCode, InteropErrorCodes, InteropErrorDetails } from './errors/index.js';
export {
  ConversionError,
  InteropError,
  MissingDependencyError,
  MissingPluginError,
  MissingShapeError,
  UnmappedLayerError,
  UnsupportedLayerError,
  UnsupportedStructureError,
  formatInteropMessage,
  isInteropError,
} from './errors/index.js';
export { isKeywordArguments, pythonArgs } from './args/python-args.js';
export type { Prefixes, PythonCall } from './args/python-args.js';
export { convOutputShape, resolveConvPadding } from './ir/conv-shape.js';
export type { IRNodeJSON, TensorJSON } from './ir/json.js';
export { irFromJSON, irToJSON } from './ir/json.js';
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
  LSTMCellIR,
  LayerIR,
  LayerNormIR,
  LinearIR,
  PaddingMode,
  RMSNormIR,
  SequentialIR,
  VarianceMode,
} from './ir/kinds.js';
export { BUILTIN_IR_KINDS } from './ir/kinds.js';
export { inferOutputShape } from './ir/shape.js';
export type {
  ChildEntry,
  ConversionContext,
  ConversionOptions,
  ConvertOptions,
  FrameworkAdapter,
  FromIROptions,
  IRNode,
  KindRefusal,
  LayerMapping,
  LayerRefusal,
  LayerType,
  MappingMeta,
  Plugin,
  PluginMeta,
  Refusal,
  RegisterOptions,
  Registry,
  SampleInput,
  ShapeFunction,
  ToIROptions,
  UseOptions,
} from './registry/index.js';
export { compareCodePoints, createRegistry, defineMapping, definePlugin } from './registry/index.js';
export { addScalar } from './tensor/add-scalar.js';
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
export { concat, invertPermutation, isPermutation, normalizeAxis, sliceAxis, split, transpose } from './tensor/layout.js';
export type { Shape } from './tensor/tensor.js';
export { Tensor, sizeOf, stridesOf } from './tensor/tensor.js';
export type { ShapeRule, Transform } from './transforms/index.js';
export { AddScalar, Chain, Identity, PermuteAxes, ReorderBlocks, Reshape, SplitConcat, Transpose } from './transforms/index.js';
