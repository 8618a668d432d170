import { defineMapping } from '@interop/core';
import type { ConversionContext, FlattenIR } from '@interop/core';
import { Flatten } from '../modules/flatten.js';

/**
 * `brainstate.nn.Flatten` ↔ `flatten` where it merges every axis of an example and keeps the
 * batch (`start_axis=1`, or `in_size` with the default axes); `Flatten()` merges the batch too
 * and a partial flatten merges only some axes: both are refused. Built as `Flatten(in_size=...)`
 * when the input shape is known, else `Flatten(start_axis=1)`.
 *
 * @example
 * ```ts
 * flatten.fromIR({ kind: 'flatten', params: {}, tensors: {} }, ctx); // Flatten(in_size=ctx.inputShape)
 * ```
 */
export const flatten = defineMapping({
  meta: {
    framework: 'brainstate',
    layer: 'Flatten',
    ir: 'flatten',
    status: 'stable',
    description: 'brainstate.nn.Flatten(start_axis=1) or Flatten(in_size=...) ↔ flatten (every axis of an example, channels-last order)',
  },
  layerType: Flatten,
  toIR: (layer: Flatten, ctx: ConversionContext) => layer.toIR(layer.needsInputShape ? ctx.requireInputShape('Flatten') : ctx.inputShape),
  fromIR: (_ir: FlattenIR, ctx: ConversionContext) => (ctx.inputShape ? new Flatten({ inSize: [...ctx.inputShape] }) : new Flatten(1)),
});
