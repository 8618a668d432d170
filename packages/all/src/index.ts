/**
 * `@interop/all`: the four framework plugins behind the seed notebook's API, the shared
 * `interop` instance, `jax` / `jnp` helpers and the error classes, in one import.
 *
 * @example
 * ```ts
 * import { brainstate, interop, jnp, nnx } from '@interop/all';
 * const nnxModel = interop.toNnx(model, { rngs: new nnx.Rngs(0) });
 * jnp.allclose(model.call(x), nnxModel.call(x), { atol: 1e-5 });
 * ```
 *
 * @packageDocumentation
 * @module @interop/all
 */
import { defaultInterop } from './default-interop.js';
import type { Interop } from './interop/create-interop.js';

export * as brainstate from '@interop/brainstate';
export * as equinox from '@interop/equinox';
export * as formats from '@interop/formats';
export * as linen from '@interop/linen';
export * as nnx from '@interop/nnx';
export * as jax from './jax.js';
export * as jnp from './jnp.js';
export {
  ConversionError,
  InteropError,
  MissingDependencyError,
  MissingPluginError,
  MissingShapeError,
  Tensor,
  UnmappedLayerError,
  UnsupportedLayerError,
  UnsupportedStructureError,
  defineMapping,
  definePlugin,
  fitToTemplate,
  forwardFromSpec,
  isInteropError,
} from '@interop/core';
export type {
  FittedTemplate,
  FitTemplateOptions,
  FormatCodec,
  InteropErrorCode,
  IRNode,
  LayerMapping,
  LoadedModel,
  Plugin,
  PluginFiles,
  TemplatePair,
} from '@interop/core';
export { createInterop } from './interop/create-interop.js';
export type {
  ConvertToOptions,
  FrameworkName,
  FrameworkOptions,
  Frameworks,
  ImportOptions,
  Interop,
  LoadOptions,
  LoadSource,
  LoadedFile,
  ModelOf,
  OptionsOf,
  SaveOptions,
  SaveTarget,
  SavedFile,
} from './interop/create-interop.js';
export { defaultInterop } from './default-interop.js';
export { runDemo } from './demo/run-demo.js';
export type { DemoResult } from './demo/run-demo.js';

/**
 * The shared converter over the four framework plugins, as Python's `brainstate.interop`:
 * mappings registered on it apply to every later call. Use {@link defaultInterop} for a
 * private one.
 *
 * @example
 * ```ts
 * interop.supportedLayers(); // { nnx: [...], linen: [...], equinox: [...] }
 * const [module, variables] = interop.toLinen(model);
 * ```
 */
export const interop: Interop = defaultInterop();
