import { InteropError } from '@interop/core';
import type { ConversionContext, LayerIR } from '@interop/core';
import type { EqxNode } from '../adapter.js';
import type { Module } from '../module.js';

/** What a layer needs of the sample input (see {@link checkInput}). */
export interface InputNeeds {
  channels?: number;
  rank?: number;
  shape?: readonly number[];
}

/**
 * Checks the sample input (channels-last, one example) against what a layer needs: its rank
 * when `rank` is given, and its channel (last) axis when `channels` is given.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH naming the layer, what it needs and what was given.
 * @example
 * ```ts
 * checkInput(ctx, 'Conv2d', { channels: 3, rank: 3 });
 * ```
 */
export function checkInput(ctx: ConversionContext, layer: string, want: InputNeeds): void {
  const shape = ctx.inputShape;
  if (shape === undefined) return;
  const found = `[${shape.join(', ')}] (channels-last)`;
  if (want.shape && (want.shape.length !== shape.length || want.shape.some((d, i) => d !== shape[i]))) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `Equinox ${layer} normalises a whole example of shape [${want.shape.join(', ')}] (channels-last)`,
      {
        path: ctx.path,
        expected: `[${want.shape.join(', ')}]`,
        found,
        fix: 'Check the sample input against the layer',
      },
    );
  }
  if (want.rank !== undefined && shape.length !== want.rank) {
    throw new InteropError('E_SHAPE_MISMATCH', `${layer} takes examples of rank ${want.rank}`, {
      path: ctx.path,
      expected: `rank ${want.rank}`,
      found,
    });
  }
  if (want.channels !== undefined && shape[shape.length - 1] !== want.channels) {
    throw new InteropError('E_SHAPE_MISMATCH', `${layer} expects ${want.channels} channels (last axis of the channels-last sample input)`, {
      path: ctx.path,
      expected: `${want.channels} channels`,
      found,
      fix: 'Pass the sample input channels-last: an Equinox example (C, H, W) is [H, W, C] in the IR',
    });
  }
}

/**
 * A mapping's `toIR` for a module whose IR needs nothing but itself: the sample input checked
 * against what `needs` says the module takes, then the module's IR.
 *
 * @example
 * ```ts
 * toIR: checkedToIR((m: LSTMCell) => ({ channels: m.inputSize })),
 * ```
 */
export function checkedToIR<M extends Module & { toIR(): LayerIR }, IR extends LayerIR = ReturnType<M['toIR']>>(
  needs: (m: M) => InputNeeds,
): (node: EqxNode, ctx: ConversionContext) => IR {
  return (node, ctx) => {
    const m = node.module as M;
    checkInput(ctx, m.type, needs(m));
    return m.toIR() as IR;
  };
}
