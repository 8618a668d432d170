import { InteropError, Tensor } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import { filled, initParam } from '../run.js';
import type { InitArg } from '../run.js';
import { entry } from '../state.js';
import type { State } from '../state.js';

/** Keyword arguments shared by the norms. */
export interface NormOptions {
  /** Only -1 (the last axis) is modelled. @default -1 */
  reductionAxes?: number | number[] | null;
  /** Only -1 is modelled. @default -1 */
  featureAxes?: number | number[];
  /** @default 1e-6 */
  epsilon?: number;
  /** @default true */
  useScale?: boolean;
  /** @default true */
  useBias?: boolean;
  /** @default Constant(1.0) */
  scaleInit?: InitArg;
  /** @default 'ZeroInit' */
  biasInit?: InitArg;
  /** @default true */
  useFastVariance?: boolean;
  /** Output dtype; null infers it from the input and parameters. */
  dtype?: FloatDType | null;
  axisName?: null;
  axisIndexGroups?: null;
}

/**
 * Refuses axes other than the last: the IR normalises over the channel axis only.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the argument.
 * @example
 * ```ts
 * lastAxisOnly('LayerNorm', 'reductionAxes', -1);
 * ```
 */
export function lastAxisOnly(callee: string, name: string, value: unknown, inSize: readonly number[]): void {
  if (value === undefined || value === null) return;
  const list = Array.isArray(value) ? value : [value];
  const ok = list.length === 1 && (list[0] === -1 || list[0] === inSize.length - 1);
  if (!ok) {
    throw new InteropError('E_INVALID_ARGUMENT', `${callee} ${name} other than the last axis is not modelled here`, {
      found: JSON.stringify(value),
      fix: `Leave ${name} at its default (-1)`,
    });
  }
}

/**
 * BrainState's `feature_shape`: `in_size` with 1 everywhere but the last (feature) axis.
 *
 * @example
 * ```ts
 * featureShape([5, 5, 3]); // [1, 1, 3]
 * ```
 */
export function featureShape(inSize: readonly number[]): number[] {
  return inSize.map((n, i) => (i === inSize.length - 1 ? n : 1));
}

/**
 * A norm's affine dict `{ scale?, bias? }` in BrainState's key order (scale first).
 *
 * @example
 * ```ts
 * affineParams([1, 3], true, true, undefined, undefined, 'LayerNorm');
 * ```
 */
export function affineParams(
  shape: number[],
  useScale: boolean,
  useBias: boolean,
  scaleInit: InitArg | undefined,
  biasInit: InitArg | undefined,
  what: string,
): { [key: string]: Tensor } {
  const out: { [key: string]: Tensor } = {};
  if (useScale) out.scale = scaleInit === undefined ? filled(shape, 1) : initParam(scaleInit, shape, `${what} scale`);
  if (useBias) out.bias = initParam(biasInit ?? 'ZeroInit', shape, `${what} bias`);
  return out;
}

/**
 * An affine array flattened to `[C]` for the IR, or undefined.
 *
 * @example
 * ```ts
 * flat(scale); // [C]
 * ```
 */
export function flat(t: Tensor | undefined): Tensor | undefined {
  return t === undefined ? undefined : t.reshape([t.size]);
}

/**
 * A norm's affine state as the IR's tensors: `scale` and `bias` flattened to `[C]`, each only
 * when the state holds it.
 *
 * @example
 * ```ts
 * affineTensors(layer.weight); // { scale, bias }
 * ```
 */
export function affineTensors(state: State | null | undefined): { scale?: Tensor; bias?: Tensor } {
  const scale = flat(entry(state, 'scale'));
  const bias = flat(entry(state, 'bias'));
  return { ...(scale ? { scale } : {}), ...(bias ? { bias } : {}) };
}
