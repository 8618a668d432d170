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
  closestNames,
  didYouMean,
  formatInteropMessage,
  isInteropError,
  withArticle,
} from './errors/index.js';
export { isKeywordArguments, pythonArgs } from './args/python-args.js';
export type { Prefixes, PythonCall } from './args/python-args.js';
export { convOutputShape, resolveConvPadding } from './ir/conv-shape.js';
export type { ActivationFn } from './ir/activations.js';
export { ACTIVATION_FUNCTIONS } from './ir/activations.js';
export type { BuiltinIRKind } from './ir/builtin/index.js';
export { BUILTIN_KINDS } from './ir/builtin/index.js';
export type { AnyKindDefinition, IRNodeOf, KindDefinition, KindNode, KindTable, NestedShape, TensorSchema } from './ir/define-kind.js';
export { defineKind } from './ir/define-kind.js';
export type { KindOptions } from './ir/kind-table.js';
export type {
  CustomParamCheck,
  OptionalParams,
  ParamCheck,
  ParamSchema,
  ParamSpec,
  ParamTypeOf,
  ParamTypes,
  ParamsOf,
} from './ir/param-checks.js';
export type { ConvPadding, PaddingMode, PoolPadding, VarianceMode } from './ir/param-types.js';
export type { ForwardStepJSON, IRNodeJSON, TensorJSON } from './ir/json.js';
export { irFromJSON, irToJSON } from './ir/json.js';
export type {
  ActivationIR,
  BatchNormIR,
  ConvIR,
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
  RMSNormIR,
  SequentialIR,
} from './ir/kinds.js';
export { BUILTIN_IR_KINDS } from './ir/kinds.js';
export type { ForwardStep, ModuleChild, ModuleIR } from './ir/module.js';
export { childNamed, childNodes, childPath, isListChild } from './ir/module.js';
export type { FlattenIR, MeanIR, PoolIR, ReshapeIR, SoftmaxIR } from './ir/ops.js';
export { OP_KINDS } from './ir/ops.js';
export { meanAxes, poolOutputShape, resolvePoolPadding, softmaxAxis } from './ir/op-shape.js';
export type { ForwardStepSpec } from './ir/forward-spec.js';
export { FORWARD_FUNCTIONS, forwardFromSpec, forwardToSpec } from './ir/forward-spec.js';
export type { FlattenOrder } from './tensor/flatten-order.js';
export { reorderFlattenedRows } from './tensor/flatten-order.js';
export { inlineOpChildren } from './engine/build-module.js';
export type { ExpectedFramework } from './engine/expect-framework.js';
export { expectFramework } from './engine/expect-framework.js';
export { expectBytes } from './errors/expect-bytes.js';
export type { FitTemplateOptions, FittedTemplate, TemplatePair } from './engine/template.js';
export { fitToTemplate, weightLayers } from './engine/template.js';
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
  ModuleParts,
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
export type {
  CodecOptions,
  FileArray,
  FileSource,
  FormatCodec,
  LoadedModel,
  PluginFiles,
  ReadHints,
  TensorTree,
  WrittenModel,
  WrittenTree,
} from './registry/files.js';
export { directoryAsBytes, requireSpec, unsupportedFormat } from './registry/files-errors.js';
export type { SpecField, SpecFields } from './registry/spec-fields.js';
export { neededField, optionalField } from './registry/spec-fields.js';
export type { FileLayout, TensorSink } from './registry/files-stream.js';
export type { DirectoryCodec, DirectoryOpenOptions, DirectoryWriteOptions, OpenedDirectory } from './registry/files-directory.js';
export { formatCodec, layoutBytes } from './registry/files-trees.js';
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
export type { PlaceholderOptions } from './tensor/shape-only.js';
export { isShapeOnly, placeholderTensor, shapeOnly } from './tensor/shape-only.js';
export type { Shape } from './tensor/tensor.js';
export { Tensor, sizeOf, stridesOf } from './tensor/tensor.js';
export type { TensorSource } from './tensor/tensor-source.js';
export type { ShapeRule, Transform } from './transforms/index.js';
export { AddScalar, Chain, Identity, PermuteAxes, ReorderBlocks, Reshape, SplitConcat, Transpose } from './transforms/index.js';
