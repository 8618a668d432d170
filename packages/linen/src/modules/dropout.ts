import { InteropError } from '@interop/core';
import type { DropoutIR, Tensor } from '@interop/core';
import { Module } from '../module.js';
import type { Variables } from '../variables.js';
import { linenArgs, required } from '../args.js';
import type { PythonCall } from '@interop/core';

/** Keyword arguments of {@link Dropout}. */
export interface DropoutOptions {
  /** Only `true` (inference) is computed here. @default undefined */
  deterministic?: boolean;
}

/**
 * `flax.linen.Dropout(rate)`: identity in inference, no variables.
 *
 * @example
 * ```ts
 * new Dropout(0.5, { deterministic: true }).apply({}, x); // x
 * ```
 */
export class Dropout extends Module {
  readonly type = 'Dropout';
  readonly deterministic: boolean | undefined;

  readonly rate: number;

  constructor(
    ...args: PythonCall<[rate: number], [broadcastDims: number[], deterministic: boolean, rngCollection: string], DropoutOptions>
  ) {
    super();
    const o = linenArgs<DropoutOptions & { rate?: number; broadcastDims?: number[]; rngCollection?: string }>(
      'Dropout',
      ['rate', 'broadcastDims', 'deterministic', 'rngCollection'],
      ['rate', 'broadcastDims', 'deterministic', 'rngCollection'],
      args,
    );
    this.rate = required('Dropout', 'rate', o.rate);
    this.deterministic = o.deterministic;
  }

  initVariables(): Variables {
    return {};
  }

  toIR(): DropoutIR {
    return { kind: 'dropout', params: { rate: this.rate }, tensors: {} };
  }

  override apply(variables: Variables, x: Tensor): Tensor {
    if (this.deterministic !== true && this.rate !== 0) {
      throw new InteropError('E_INVALID_ARGUMENT', 'Dropout runs here in inference only: construct it with deterministic: true');
    }
    return super.apply(variables, x);
  }
}
