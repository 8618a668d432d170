import type { FrameworkAdapter, LayerType } from '@interop/core';
import { Stack, ToyLayer } from './model.js';

/**
 * How the engine walks toy models: a `Stack` is the framework's sequential container, its
 * layers at `layers/<i>`; every other layer is a leaf.
 *
 * @example
 * ```ts
 * definePlugin({ meta, adapter: toyAdapter, mappings });
 * ```
 */
export const toyAdapter: FrameworkAdapter<ToyLayer> = {
  layerType: (layer) => (layer instanceof ToyLayer ? (layer.constructor as LayerType) : undefined),
  isSequential: (layer) => layer instanceof Stack,
  children: (layer) => (layer as Stack).layers.map((model, i) => ({ key: `layers/${i}`, model })),
  hasChildModules: () => false,
  buildSequential: (children) => new Stack(...children),
  owns: (model) => model instanceof ToyLayer,
};
