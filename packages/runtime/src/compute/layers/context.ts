import { InteropError, Tensor, isFloatDType } from '@interop/core';
import type { KindTable, LayerIR } from '@interop/core';
import type { Backend, Vec } from '../backend/types.js';

/** What every layer function receives besides its IR. */
export interface LayerContext {
  backend: Backend;
  /** Scan parameters (and inputs) for NaN and throw E_NAN. */
  checkNaN: boolean;
  /** Plugin kind definitions, run through their `run` where the runtime has no kernel. */
  kinds?: KindTable | undefined;
}

/** A batched activation flowing between layers: flat data plus its shape. */
export interface Activation {
  data: Vec;
  shape: number[];
}

/**
 * Decodes a float tensor to the backend's precision (half types exactly), optionally refusing NaN.
 *
 * @throws {InteropError} E_DTYPE for non-float tensors; E_NAN when `checkNaN` finds one.
 */
export function floats(t: Tensor, ctx: LayerContext, what: string): Vec {
  if (!isFloatDType(t.dtype)) {
    throw new InteropError('E_DTYPE', `${what} must be a float tensor`, {
      expected: 'float32, float64, float16 or bfloat16',
      found: t.dtype,
      fix: 'Cast the tensor with tensor.astype("float32")',
    });
  }
  const data = ctx.backend.alloc(0) instanceof Float64Array ? t.toFloat64() : t.toFloat32();
  if (ctx.checkNaN) {
    const at = data.findIndex(Number.isNaN);
    if (at >= 0) throw new InteropError('E_NAN', `${what} contains NaN`, { found: `NaN at flat index ${at}` });
  }
  return data;
}

/**
 * A weight of the IR, checked against its expected shape; undefined when optional and absent.
 *
 * @throws {InteropError} E_INVALID_IR when a required weight is missing or has the wrong shape.
 */
export function weight(ir: LayerIR, name: string, shape: readonly number[], ctx: LayerContext, required = true): Vec | undefined {
  const t = (ir.tensors as Record<string, Tensor | undefined>)[name];
  if (t === undefined) {
    if (!required) return undefined;
    throw new InteropError('E_INVALID_IR', `The ${ir.kind} IR has no "${name}" tensor`, {
      expected: `${name} of shape [${shape.join(', ')}]`,
    });
  }
  if (!(t instanceof Tensor) || !sameShape(t.shape, shape)) {
    throw new InteropError('E_INVALID_IR', `The ${ir.kind} IR's "${name}" tensor has the wrong shape`, {
      expected: `[${shape.join(', ')}]`,
      found: t instanceof Tensor ? `[${t.shape.join(', ')}]` : typeof t,
    });
  }
  return floats(t, ctx, `${ir.kind} tensor "${name}"`);
}

/**
 * Throws E_SHAPE_MISMATCH unless `ok`, describing the expected input.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH.
 */
export function expectInput(ok: boolean, ir: LayerIR, shape: readonly number[], expected: string): void {
  if (!ok) {
    throw new InteropError('E_SHAPE_MISMATCH', `Input does not fit the ${ir.kind} layer`, {
      expected,
      found: `[${shape.join(', ')}]`,
    });
  }
}

/**
 * Throws E_INVALID_IR unless `ok`.
 *
 * @throws {InteropError} E_INVALID_IR.
 */
export function expectIR(ok: boolean, ir: LayerIR, what: string, found?: unknown): void {
  if (!ok) throw new InteropError('E_INVALID_IR', `Malformed ${ir.kind} IR: ${what}`, { found });
}

/** True when both shapes have the same axes. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** True for a positive safe integer. */
export function isPositiveInt(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) > 0;
}

/** Product of the axes. */
export function product(xs: readonly number[]): number {
  return xs.reduce((a, b) => a * b, 1);
}
