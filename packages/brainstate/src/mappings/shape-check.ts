import { InteropError } from '@interop/core';
import type { ConversionContext, LayerIR } from '@interop/core';
import type { Module } from '../module.js';

/**
 * Refuses a sample input whose channel (last) axis is not the layer's: a mismatch would surface
 * only when the converted model runs.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH naming both channel counts.
 * @example
 * ```ts
 * checkChannels(layer, ctx, 6);
 * ```
 */
export function checkChannels(layer: Module & { type: string }, ctx: ConversionContext, channels: number): void {
  const shape = ctx.inputShape;
  if (shape === undefined || shape.length === 0 || shape[shape.length - 1] === channels) return;
  throw new InteropError(
    'E_SHAPE_MISMATCH',
    `${layer.type} takes ${channels} features on its last axis, but the sample input's last axis has ${shape[shape.length - 1]}`,
    {
      expected: channels,
      found: `[${shape.join(', ')}]`,
      fix: 'Pass a sampleInput whose last (channel) axis matches the layer',
    },
  );
}

/**
 * A mapping's `toIR` for a layer reading `channels(ir)` features on its last axis: the layer's
 * IR, the sample input checked against it first.
 *
 * @example
 * ```ts
 * toIR: checkedToIR((ir: LinearIR) => ir.params.inFeatures),
 * ```
 */
export function checkedToIR<IR extends LayerIR>(
  channels: (ir: IR) => number,
): (layer: { toIR(): IR } & Module, ctx: ConversionContext) => IR {
  return (layer, ctx) => {
    const ir = layer.toIR();
    checkChannels(layer, ctx, channels(ir));
    return ir;
  };
}
