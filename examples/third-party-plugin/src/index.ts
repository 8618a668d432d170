/**
 * An example third-party interop plugin: a per-feature `Scale` layer for BrainState and Flax
 * Linen, converted through an IR kind of its own (`scale`), and a whole toy framework (`toy`)
 * with a file format of its own, which the `interop` CLI converts and verifies. Built from the
 * packages' public exports only, as a plugin outside this repository would be.
 *
 * @example
 * ```ts
 * import { interop } from '@interop/all';
 * import { scaleBrainstate, scaleLinen } from 'interop-plugin-scale';
 * interop.use(scaleBrainstate);
 * interop.use(scaleLinen);
 * ```
 */
import { definePlugin } from '@interop/core';
import { brainstateScale } from './mappings/brainstate.js';
import { linenScale } from './mappings/linen.js';
import { scaleKind } from './scale-ir.js';
import { toy } from './toy/plugin.js';

export { Scale as BrainstateScale } from './brainstate-scale.js';
export { Scale as LinenScale } from './linen-scale.js';
export { SCALE_KIND, applyScale, scaleKind } from './scale-ir.js';
export type { ScaleIR } from './scale-ir.js';
export { brainstateScale, linenScale };
export { Dense as ToyDense, ReLU as ToyReLU, Stack as ToyStack, ToyLayer } from './toy/model.js';
export { toyAdapter } from './toy/adapter.js';
export { toyFiles } from './toy/files-part.js';
export { toyCodec } from './toy/toy-format.js';
export type { ToySpec } from './toy/spec.js';
export { toy };

/**
 * Adds `Scale` to BrainState conversions, with the `scale` kind, so its IR is validated, sizes
 * thread through it and `verify` runs it.
 *
 * @example
 * ```ts
 * createRegistry().use(brainstate).use(scaleBrainstate);
 * ```
 */
export const scaleBrainstate = definePlugin({
  meta: { name: 'interop-plugin-scale/brainstate', version: '0.0.0', framework: 'brainstate' },
  mappings: { Scale: brainstateScale },
  kinds: { scale: scaleKind },
});

/**
 * Adds `Scale` to Flax Linen conversions, with the same `scale` kind.
 *
 * @example
 * ```ts
 * createRegistry().use(linen).use(scaleLinen);
 * ```
 */
export const scaleLinen = definePlugin({
  meta: { name: 'interop-plugin-scale/linen', version: '0.0.0', framework: 'linen' },
  mappings: { Scale: linenScale },
  kinds: { scale: scaleKind },
});

/**
 * Every plugin of this package: what `interop --plugin interop-plugin-scale` (or the package
 * named in `interop.config.json`) adds to the CLI.
 *
 * @example
 * ```ts
 * for (const plugin of plugins) interop.use(plugin);
 * ```
 */
export const plugins = [scaleBrainstate, scaleLinen, toy];
