import { InteropError, Tensor } from '@interop/core';
import type { BatchNormIR, DType } from '@interop/core';
import { parseArgs } from '../args.js';
import type { Args } from '../args.js';
import { promote } from '../dtypes.js';
import { Layer } from '../module.js';
import type { ToIROptions, TreeField } from '../module.js';
import { State, StateIndex } from '../state.js';
import type { CallOptions } from './common.js';
import { filled } from './whole-example-norm.js';

/** Keyword arguments of {@link BatchNorm}. */
export interface BatchNormOptions {
  /** @default 1e-5 */
  eps?: number;
  /** @default true */
  channelwiseAffine?: boolean;
  /** @default 0.99 */
  momentum?: number;
  /** @default false */
  inference?: boolean;
  /** @default 'float32' */
  dtype?: DType | null;
  /** `'legacy'` (the default) means `'ema'`, as in Equinox. */
  mode?: 'ema' | 'batch' | 'legacy';
}

/** Options of {@link BatchNorm.call}. */
export interface BatchNormCallOptions extends CallOptions {
  /** Overrides the layer's `inference`; only inference is computed here. */
  inference?: boolean | null;
}

const FIELDS: readonly TreeField[] = [
  ['weight', 'weight'],
  ['bias', 'bias'],
  ['ema_first_time_index', 'emaFirstTimeIndex'],
  ['ema_state_index', 'emaStateIndex'],
  ['batch_counter', 'batchCounter'],
  ['batch_state_index', 'batchStateIndex'],
  ['axis_name', 'axisName'],
  ['inference', 'inference'],
];

/**
 * `eqx.nn.BatchNorm(input_size, axis_name, eps=1e-5, channelwise_affine=True, momentum=0.99,
 * inference=False, mode='legacy')`: channels-first `(C, *spatial)`; its statistics live in a
 * {@link State}: `ema` mode keeps `first_time` and `(mean, var)`, `batch` mode a counter and
 * `(hidden_mean, hidden_var)` that inference debiases by `1 - momentum**counter`. Runs in
 * inference only (training needs the batch statistics of a named vmap axis).
 *
 * @example
 * ```ts
 * const [bn, state] = makeWithState(BatchNorm)(3, 'batch', { mode: 'batch', inference: true });
 * const [y] = bn.call(x, state);
 * ```
 */
export class BatchNorm extends Layer {
  declare readonly weight: Tensor | null;
  declare readonly bias: Tensor | null;
  declare readonly emaFirstTimeIndex: StateIndex<Tensor> | null;
  declare readonly emaStateIndex: StateIndex<readonly Tensor[]> | null;
  declare readonly batchCounter: StateIndex<Tensor> | null;
  declare readonly batchStateIndex: StateIndex<readonly Tensor[]> | null;
  declare readonly axisName: string | readonly string[];
  declare readonly inference: boolean;
  declare readonly inputSize: number;
  declare readonly eps: number;
  declare readonly channelwiseAffine: boolean;
  declare readonly momentum: number;
  declare readonly mode: 'ema' | 'batch';

  constructor(
    inputSize: number,
    axisName: string | readonly string[],
    ...rest: Args<
      [
        eps: number,
        channelwiseAffine: boolean,
        momentum: number,
        inference: boolean,
        dtype: DType | null,
        mode: 'ema' | 'batch' | 'legacy',
      ],
      BatchNormOptions
    >
  ) {
    super();
    const o = parseArgs<BatchNormOptions>('BatchNorm', ['eps', 'channelwiseAffine', 'momentum', 'inference', 'dtype', 'mode'], rest);
    const mode = o.mode === undefined || o.mode === 'legacy' ? 'ema' : o.mode;
    if (mode !== 'ema' && mode !== 'batch') throw new InteropError('E_INVALID_ARGUMENT', "Invalid mode, must be 'ema' or 'batch'.");
    const dtype = o.dtype ?? 'float32';
    const affine = o.channelwiseAffine ?? true;
    const n = inputSize;
    const ema = mode === 'ema';
    Object.assign(this, {
      weight: affine ? filled([n], 1, dtype) : null,
      bias: affine ? filled([n], 0, dtype) : null,
      emaFirstTimeIndex: ema ? new StateIndex(Tensor.fromArray([1], [], 'bool')) : null,
      // jnp.empty: XLA gives zeros.
      emaStateIndex: ema ? new StateIndex([filled([n], 0, dtype), filled([n], 0, dtype)]) : null,
      batchCounter: ema ? null : new StateIndex(Tensor.fromArray([0], [], 'int32')),
      batchStateIndex: ema ? null : new StateIndex([filled([n], 0, dtype), filled([n], 1, dtype)]),
      axisName,
      inference: o.inference ?? false,
      inputSize: n,
      eps: o.eps ?? 1e-5,
      channelwiseAffine: affine,
      momentum: o.momentum ?? 0.99,
      mode,
    });
    Object.freeze(this);
  }

  get type(): string {
    return 'BatchNorm';
  }

  treeFields(): readonly TreeField[] {
    return FIELDS;
  }

  /**
   * The statistics inference normalises with: `ema` mode's `(mean, var)`, or `batch` mode's
   * hidden statistics divided by `1 - momentum**counter` (1 while the counter is 0).
   */
  inferenceStatistics(state: State): { mean: Tensor; var: Tensor } {
    if (this.mode === 'ema') {
      const [mean, variance] = state.get(this.emaStateIndex!);
      return { mean: mean!, var: variance! };
    }
    const counter = Number((state.get(this.batchCounter!).data as Int32Array)[0]);
    const [hm, hv] = state.get(this.batchStateIndex!);
    const f = Math.fround;
    const scale = counter === 0 ? 1 : f(1 - f(Math.pow(f(this.momentum), counter)));
    const debias = (t: Tensor) =>
      Tensor.fromArray(
        Array.from(t.toFloat32(), (v) => f(v / scale)),
        t.shape,
        t.dtype,
      );
    return { mean: debias(hm!), var: debias(hv!) };
  }

  /** Inference-mode batch norm over channels-last input; the statistics come from `state`. */
  toIR(options: ToIROptions = {}): BatchNormIR {
    if (!(options.state instanceof State)) {
      throw new InteropError('E_INVALID_ARGUMENT', "BatchNorm's running statistics live in its State: pass [model, state]", {
        fix: 'registry.toIR([model, state], ...) with the state from makeWithState or treeDeserialiseLeaves',
      });
    }
    const stats = this.inferenceStatistics(options.state);
    return {
      kind: 'batch-norm',
      params: { channels: this.inputSize, epsilon: this.eps, momentum: this.momentum },
      tensors: { ...stats, ...(this.weight ? { scale: this.weight } : {}), ...(this.bias ? { bias: this.bias } : {}) },
    };
  }

  protected resultDtype(x: Tensor): DType {
    return promote([x, this.weight, this.bias]);
  }

  /** `bn(x, state)` for one example `(C, *spatial)`: `[y, state]` (state unchanged in inference). */
  call(x: Tensor, state: State, options: BatchNormCallOptions = {}): [Tensor, State] {
    this.check(x.shape, options);
    return [this.runOne(x, state), state];
  }

  /** `jax.vmap(bn, axis_name=..., in_axes=(0, None), out_axes=(0, None))(xs, state)`. */
  callBatch(xs: Tensor, state: State, options: BatchNormCallOptions = {}): [Tensor, State] {
    this.check(xs.shape.slice(1), options);
    return [this.runBatch(xs, state), state];
  }

  private check(shape: readonly number[], options: BatchNormCallOptions): void {
    if (!(options.inference ?? this.inference)) {
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        'BatchNorm runs here in inference only: construct it with inference: true or call it with { inference: true }',
      );
    }
    if (shape[0] !== this.inputSize) {
      throw new InteropError('E_SHAPE_MISMATCH', `BatchNorm(${this.inputSize}) needs ${this.inputSize} channels first`, {
        found: `[${shape.join(', ')}]`,
      });
    }
  }
}
