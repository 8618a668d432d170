import type { LinearIR, Tensor } from '@interop/core';
import { bstArgs, notModelled, required, toSize } from '../args.js';
import { promote } from '../dtypes.js';
import { Module } from '../module.js';
import type { GraphNode } from '../module.js';
import { initParam, runBatched } from '../run.js';
import type { InitArg } from '../run.js';
import { ParamState, entry } from '../state.js';
import { requireEntry } from './require.js';

/** Keyword arguments of {@link Linear}. */
export interface LinearOptions {
  inSize?: number | number[];
  outSize?: number | number[];
  /** @default 'KaimingNormal' */
  wInit?: InitArg;
  /** `null` for no bias. @default 'ZeroInit' */
  bInit?: InitArg | null;
  name?: string;
}

/**
 * `brainstate.nn.Linear(in_size, out_size, w_init, b_init)`: `y = x @ weight + bias`, state
 * `weight: ParamState({ weight: (in, out), bias: (out,) })`.
 *
 * @example
 * ```ts
 * const layer = new Linear(3, 5, { bInit: null });
 * layer.call(x); // [batch, 5]
 * ```
 */
export class Linear extends Module {
  readonly type = 'Linear';
  readonly weight: ParamState<{ [key: string]: Tensor }>;
  readonly name: string | undefined;

  constructor(inSize: number | number[], outSize: number | number[], wInit?: InitArg, bInit?: InitArg | null, options?: LinearOptions);
  constructor(...args: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = bstArgs<LinearOptions>('Linear', ['inSize', 'outSize', 'wInit', 'bInit', 'wMask', 'name'], ['paramType'], args);
    notModelled('Linear', 'wMask', (a as { wMask?: unknown }).wMask);
    notModelled('Linear', 'paramType', (a as { paramType?: unknown }).paramType);
    this.inSize = toSize(required('Linear', 'inSize', a.inSize), 'Linear', 'inSize');
    this.outSize = toSize(required('Linear', 'outSize', a.outSize), 'Linear', 'outSize');
    this.name = a.name;
    const n = this.inSize.length;
    const params: { [key: string]: Tensor } = {
      weight: initParam(a.wInit ?? 'KaimingNormal', [this.inSize[n - 1]!, this.outSize[this.outSize.length - 1]!], 'Linear weight'),
    };
    const bInit = a.bInit === undefined ? 'ZeroInit' : a.bInit;
    if (bInit !== null) params.bias = initParam(bInit, [this.outSize[this.outSize.length - 1]!], 'Linear bias');
    this.weight = new ParamState(params);
  }

  override graphNodes(): Array<[string, GraphNode]> {
    return [['weight', this.weight]];
  }

  toIR(): LinearIR {
    const kernel = requireEntry(this.weight, 'weight', 'Linear', 'weight');
    const bias = entry(this.weight, 'bias');
    return {
      kind: 'linear',
      params: { inFeatures: kernel.shape[0]!, outFeatures: kernel.shape[1]! },
      tensors: bias ? { kernel, bias } : { kernel },
    };
  }

  call(x: Tensor): Tensor {
    const ir = this.toIR();
    return runBatched(ir, x, 1, promote([x, ir.tensors.kernel, ir.tensors.bias]));
  }
}
