import { assertNoProblems, mappingProblems, pluginProblems } from './validate.js';
import type { LayerMapping, Plugin } from './types.js';

/**
 * Declares how one framework layer type converts to an IR kind and back. Returns the mapping
 * unchanged after checking its shape, and infers its types for the two functions.
 *
 * @throws {InteropError} E_INVALID_PLUGIN listing every malformed field.
 * @example
 * ```ts
 * export const linear = defineMapping({
 *   meta: { framework: 'nnx', layer: 'Linear', ir: 'linear', status: 'stable', description: 'Dense layer' },
 *   layerType: Linear,
 *   toIR: (layer: Linear) => ({ kind: 'linear', params: { inFeatures: 3, outFeatures: 5 }, tensors: { kernel: layer.kernel } }),
 *   fromIR: (ir) => new Linear(ir.tensors.kernel!),
 * });
 * ```
 */
export function defineMapping<TNode, K extends string>(mapping: LayerMapping<TNode, K>): LayerMapping<TNode, K> {
  assertNoProblems(mappingProblems(mapping), `Mapping "${String(mapping?.meta?.layer)}"`);
  return mapping;
}

/**
 * Declares a framework plugin: its name, the adapter that walks the framework's models, its
 * mappings (a sorted `{ LayerName: mapping }` object), its refusals and shape rules. Nothing is
 * registered: pass the value to `createRegistry().use(plugin)`.
 *
 * @throws {InteropError} E_INVALID_PLUGIN listing every problem (`mappings.Linear.meta.ir: ...`).
 * @example
 * ```ts
 * export default definePlugin({
 *   meta: { name: '@interop/nnx', version: '0.1.0', framework: 'nnx' },
 *   adapter: nnxAdapter,
 *   mappings: { Conv: conv, Linear: linear },
 *   refusals: [{ layerType: GRUCell, reason: 'nnx GRUCell is the cuDNN variant ...' }],
 * });
 * ```
 */
export function definePlugin<P extends Plugin>(plugin: P): P {
  assertNoProblems(pluginProblems(plugin), `Plugin "${String(plugin?.meta?.name)}"`, plugin?.meta?.name);
  return plugin;
}
