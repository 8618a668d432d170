import { InteropError, Tensor } from '@interop/core';
import type { DropoutIR, PythonCall } from '@interop/core';
import { bernoulli } from '@interop/runtime';
import type { KeyLike } from '@interop/runtime';
import { nnxArgs, required } from '../args.js';
import { Module, requireTensor } from '../module.js';
import { RngStream } from '../rng-stream.js';
import { Rngs, ShapeOnlyRngs } from '../rngs.js';

/** Keyword arguments of {@link Dropout}. */
export interface DropoutOptions {
  /** Dimensions that share one mask. @default [] */
  broadcastDims?: number[];
  /** Identity when true. @default false */
  deterministic?: boolean | null;
  /** @default 'dropout' */
  rngCollection?: string;
  /** The stream `rngs[rngCollection]` is forked from (none: pass rngs to `call`). */
  rngs?: Rngs | RngStream | null;
}

/** Keyword arguments of {@link Dropout.call}. */
export interface DropoutCallOptions {
  deterministic?: boolean | null;
  rngs?: Rngs | RngStream | KeyLike | null;
}

/**
 * `flax.nnx.Dropout(rate, *, broadcast_dims=(), deterministic=False, rng_collection='dropout', rngs=None)`.
 * Deterministic (or after `model.eval()`): the identity. Otherwise NNX's mask: `bernoulli(key,
 * 1 - rate)` over the non-broadcast axes, kept values scaled by `1 / (1 - rate)`.
 *
 * @example
 * ```ts
 * const drop = new Dropout(0.5, { deterministic: true });
 * drop.call(x); // x
 * ```
 */
export class Dropout extends Module {
  readonly type = 'Dropout';
  readonly rate: number;
  readonly broadcastDims: number[];
  deterministic: boolean;
  readonly rngCollection: string;
  /** The forked stream (RNG state: not part of `state(model)`, as the tooling excludes `RngState`). */
  readonly rngs: RngStream | null;

  constructor(...args: PythonCall<[rate: number], [], DropoutOptions>) {
    super();
    const o = nnxArgs<DropoutOptions & { rate?: number }>(
      'Dropout',
      ['rate', 'broadcastDims', 'deterministic', 'rngCollection', 'rngs'],
      1,
      ['rate', 'broadcastDims', 'deterministic', 'rngCollection', 'rngs'],
      args,
    );
    this.rate = required('Dropout', 'rate', o.rate);
    this.broadcastDims = [...(o.broadcastDims ?? [])];
    this.deterministic = o.deterministic ?? false;
    this.rngCollection = o.rngCollection ?? 'dropout';
    const r = o.rngs;
    this.rngs = r instanceof ShapeOnlyRngs || !r ? null : r instanceof Rngs ? r.stream(this.rngCollection).fork() : r.fork();
  }

  /** `model.train()` / `model.eval()`. */
  setMode(training: boolean): void {
    this.deterministic = !training;
  }

  toIR(): DropoutIR {
    return { kind: 'dropout', params: { rate: this.rate }, tensors: {} };
  }

  override call(input: Tensor, options: DropoutCallOptions = {}): Tensor {
    const x = requireTensor(input, 'Dropout.call');
    const deterministic = options.deterministic ?? this.deterministic;
    if (this.rate === 0 || deterministic) return x;
    if (this.rate === 1) return Tensor.zeros(x.shape, x.dtype);
    const k = drawKey(options.rngs ?? this.rngs, this.rngCollection);
    const keep = 1 - this.rate;
    // XLA turns `x / keep` (keep a weakly typed float32 scalar) into `x * (1 / keep)` in float32.
    const scale = Math.fround(1 / Math.fround(keep));
    const maskShape = x.shape.map((d, i) => (this.broadcastDims.includes(i) ? 1 : d));
    const mask = bernoulli(k, keep, maskShape).data as Uint8Array;
    const xs = x.dtype === 'float32' ? (x.data as Float32Array) : (x.astype('float32').data as Float32Array);
    const out = new Float32Array(x.size);
    const strides = maskShape.map((_, i) => maskShape.slice(i + 1).reduce((a, b) => a * b, 1));
    const xStrides = x.shape.map((_, i) => x.shape.slice(i + 1).reduce((a, b) => a * b, 1));
    for (let j = 0; j < x.size; j++) {
      let m = 0;
      for (let a = 0; a < x.ndim; a++) m += maskShape[a] === 1 ? 0 : (Math.floor(j / xStrides[a]!) % x.shape[a]!) * strides[a]!;
      out[j] = mask[m] ? xs[j]! * scale : 0;
    }
    return Tensor.fromArray(out, x.shape, x.dtype as 'float32');
  }
}

function drawKey(rngs: Rngs | RngStream | KeyLike | null | undefined, collection: string): KeyLike {
  if (rngs instanceof Rngs) return rngs.next(collection);
  if (rngs instanceof RngStream) return rngs.next();
  if (rngs) return rngs as KeyLike;
  throw new InteropError(
    'E_INVALID_ARGUMENT',
    "Dropout needs rngs when it is not deterministic (no 'rngs' given to the constructor or call)",
    {
      fix: 'new Dropout(rate, { rngs }) or dropout.call(x, { rngs }), or deterministic: true',
    },
  );
}
