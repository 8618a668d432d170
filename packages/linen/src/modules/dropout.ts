import { InteropError } from '@interop/core';
import type { DropoutIR, Tensor } from '@interop/core';
import { Module } from '../module.js';
import type { Variables } from '../variables.js';

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

  constructor(
    readonly rate: number,
    options: DropoutOptions = {},
  ) {
    super();
    this.deterministic = options.deterministic;
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
