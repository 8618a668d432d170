export { definePlugin, defineMapping } from './define.js';
export { createRegistry } from './registry.js';
export type {
  ConvertOptions,
  FromIROptions,
  RegisterOptions,
  Registry,
  SampleInput,
  ToIROptions,
  UseOptions,
} from './registry-types.js';
export { compareCodePoints } from './sort.js';
export type {
  ChildEntry,
  ConversionContext,
  ConversionOptions,
  FrameworkAdapter,
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
  ShapeFunction,
} from './types.js';
