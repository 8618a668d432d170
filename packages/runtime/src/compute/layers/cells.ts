import type { GRUCellChoIR, GRUCellIR, LSTMCellIR } from '@interop/core';
import type { Vec } from '../backend/types.js';
import type { LayerContext } from './context.js';
import { expectIR, isPositiveInt, weight } from './context.js';

/** The recurrent state of a cell: `h` always, `c` for LSTM. Each `[batch, hidden]`, flat. */
export interface CellState {
  h: Vec;
  c?: Vec;
}

function sizes(ir: LSTMCellIR | GRUCellIR | GRUCellChoIR): [number, number] {
  const { inputSize, hiddenSize } = ir.params;
  expectIR(isPositiveInt(inputSize) && isPositiveInt(hiddenSize), ir, 'inputSize/hiddenSize must be positive integers', ir.params);
  return [inputSize, hiddenSize];
}

/**
 * One LSTM step (gates i, f, g, o): the two matmuls and the sigmoid/tanh run on the backend;
 * the gate products in TypeScript, rounded to the backend's precision.
 *
 * @example
 * ```ts
 * const { h, c } = lstmStep(ir, x, { h: h0, c: c0 }, batch, ctx);
 * ```
 */
export function lstmStep(ir: LSTMCellIR, x: Vec, s: CellState, batch: number, ctx: LayerContext): CellState {
  const [I, H] = sizes(ir);
  const { backend: be } = ctx;
  const z = sum(
    be.matmul(x, weight(ir, 'inputKernel', [I, 4 * H], ctx)!, batch, I, 4 * H, weight(ir, 'bias', [4 * H], ctx, false)),
    be.matmul(s.h, weight(ir, 'hiddenKernel', [H, 4 * H], ctx)!, batch, H, 4 * H),
    be.round,
  );
  const sig = be.activation(z, 'sigmoid', 0);
  const th = be.activation(z, 'tanh', 0);
  const c = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const o = b * 4 * H + j;
      c[b * H + j] = be.round(be.round(sig[o + H]! * s.c![b * H + j]!) + be.round(sig[o]! * th[o + 2 * H]!));
    }
  }
  const tc = be.activation(c, 'tanh', 0);
  const h = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) for (let j = 0; j < H; j++) h[b * H + j] = sig[b * 4 * H + 3 * H + j]! * tc[b * H + j]!;
  return { h, c };
}

/**
 * One cuDNN-style GRU step (blocks r, z, n): `n = tanh(x·Wn + bn + r·(h·Un + hiddenBiasN))`,
 * `h' = (1-z)·n + z·h`.
 *
 * @example
 * ```ts
 * const { h } = gruStep(ir, x, { h: h0 }, batch, ctx);
 * ```
 */
export function gruStep(ir: GRUCellIR, x: Vec, s: CellState, batch: number, ctx: LayerContext): CellState {
  const [I, H] = sizes(ir);
  const { backend: be } = ctx;
  const xi = be.matmul(x, weight(ir, 'inputKernel', [I, 3 * H], ctx)!, batch, I, 3 * H, weight(ir, 'bias', [3 * H], ctx, false));
  const hb = be.alloc(3 * H);
  const bn = weight(ir, 'hiddenBiasN', [H], ctx, false);
  if (bn) hb.set(bn, 2 * H);
  const hh = be.matmul(s.h, weight(ir, 'hiddenKernel', [H, 3 * H], ctx)!, batch, H, 3 * H, hb);
  const rz = be.activation(sum(xi, hh, be.round), 'sigmoid', 0);
  const pre = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const o = b * 3 * H + j;
      pre[b * H + j] = be.round(xi[o + 2 * H]! + be.round(rz[o]! * hh[o + 2 * H]!));
    }
  }
  const n = be.activation(pre, 'tanh', 0);
  const h = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const zt = rz[b * 3 * H + H + j]!;
      h[b * H + j] = be.round(be.round((1 - zt) * n[b * H + j]!) + be.round(zt * s.h[b * H + j]!));
    }
  }
  return { h };
}

/**
 * One Cho-2014 GRU step (BrainState): `[r, z] = σ([x, h]·Wg + bg)`,
 * `h~ = tanh([x, r·h]·Wc + bc)`, `h' = (1-z)·h + z·h~`.
 *
 * @example
 * ```ts
 * const { h } = gruChoStep(ir, x, { h: h0 }, batch, ctx);
 * ```
 */
export function gruChoStep(ir: GRUCellChoIR, x: Vec, s: CellState, batch: number, ctx: LayerContext): CellState {
  const [I, H] = sizes(ir);
  const { backend: be } = ctx;
  const xh = concatRows(be.alloc(batch * (I + H)), x, s.h, batch, I, H);
  const rz = be.activation(
    be.matmul(xh, weight(ir, 'gateKernel', [I + H, 2 * H], ctx)!, batch, I + H, 2 * H, weight(ir, 'gateBias', [2 * H], ctx, false)),
    'sigmoid',
    0,
  );
  const rh = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) for (let j = 0; j < H; j++) rh[b * H + j] = rz[b * 2 * H + j]! * s.h[b * H + j]!;
  const xrh = concatRows(be.alloc(batch * (I + H)), x, rh, batch, I, H);
  const cand = be.activation(
    be.matmul(xrh, weight(ir, 'candidateKernel', [I + H, H], ctx)!, batch, I + H, H, weight(ir, 'candidateBias', [H], ctx, false)),
    'tanh',
    0,
  );
  const h = be.alloc(batch * H);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < H; j++) {
      const zt = rz[b * 2 * H + H + j]!;
      h[b * H + j] = be.round(be.round((1 - zt) * s.h[b * H + j]!) + be.round(zt * cand[b * H + j]!));
    }
  }
  return { h };
}

function sum(a: Vec, b: Vec, round: (v: number) => number): Vec {
  const out = a.slice();
  for (let i = 0; i < out.length; i++) out[i] = round(a[i]! + b[i]!);
  return out;
}

function concatRows(out: Vec, a: Vec, b: Vec, rows: number, na: number, nb: number): Vec {
  for (let r = 0; r < rows; r++) {
    out.set(a.subarray(r * na, (r + 1) * na), r * (na + nb));
    out.set(b.subarray(r * nb, (r + 1) * nb), r * (na + nb) + na);
  }
  return out;
}
