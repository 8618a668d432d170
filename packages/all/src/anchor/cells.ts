// Test-only: steps a recurrent cell of any framework over a (T, B, F) sequence from a carry.
import { Tensor, concat, sliceAxis } from '@interop/core';
import * as brainstate from '@interop/brainstate';
import type { LSTMCarry as NnxCarry, AnyModule as NnxModule } from '@interop/nnx';
import type { AnyModule as LinenModule, Variables } from '@interop/linen';
import { vmapCall } from '@interop/equinox';
import type { Module as EqxModule } from '@interop/equinox';

/** A carry as the anchor fixtures record it. */
export interface Carry {
  h: Tensor;
  c?: Tensor;
}

const at = (xs: Tensor, t: number) => sliceAxis(xs, 0, t, t + 1).reshape(xs.shape.slice(1));
const stack = (ts: Tensor[]) =>
  concat(
    ts.map((t) => t.reshape([1, ...t.shape])),
    0,
  );

function step(framework: string, model: unknown, x: Tensor, carry: Carry): Carry {
  if (framework === 'nnx') {
    const [next] = (model as NnxModule).call([carry.c!, carry.h] as NnxCarry, x) as [NnxCarry, Tensor];
    return { c: next[0], h: next[1] };
  }
  if (framework === 'linen') {
    const [module, variables] = model as [LinenModule, Variables];
    const [next] = module.apply(variables, [carry.c!, carry.h], x) as [[Tensor, Tensor], Tensor];
    return { c: next[0], h: next[1] };
  }
  if (framework === 'equinox') {
    const [h, c] = vmapCall(model as EqxModule, x, [carry.h, carry.c!]) as [Tensor, Tensor];
    return { h, c };
  }
  const cell = model as brainstate.LSTMCell;
  cell.h!.value = carry.h;
  if (carry.c) cell.c!.value = carry.c;
  cell.call(x);
  return { h: cell.h!.value as Tensor, ...(carry.c ? { c: cell.c!.value as Tensor } : {}) };
}

/** Runs `model` of `framework` over `xs` (T, B, F) from `carry0`; returns the carries per step. */
export function runLSTM(framework: string, model: unknown, xs: Tensor, carry0: Carry): { h: Tensor; c: Tensor } {
  if (framework === 'brainstate') (model as brainstate.LSTMCell).initState(xs.shape[1]);
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  let carry = carry0;
  for (let t = 0; t < xs.shape[0]!; t++) {
    carry = step(framework, model, at(xs, t), carry);
    hs.push(carry.h);
    cs.push(carry.c!);
  }
  return { h: stack(hs), c: stack(cs) };
}

function gruStep(framework: string, model: unknown, x: Tensor, h: Tensor): Tensor {
  if (framework === 'nnx') return ((model as NnxModule).call(h, x) as [Tensor, Tensor])[0];
  if (framework === 'linen') {
    const [module, variables] = model as [LinenModule, Variables];
    return (module.apply(variables, h, x) as [Tensor, Tensor])[0];
  }
  return vmapCall(model as EqxModule, x, h) as Tensor;
}

/** Runs a GRU cell of NNX, Linen or Equinox over `xs` (T, B, F) from `h0`; the carries per step. */
export function runGRU(framework: string, model: unknown, xs: Tensor, h0: Tensor): Tensor {
  const hs: Tensor[] = [];
  let h = h0;
  for (let t = 0; t < xs.shape[0]!; t++) {
    h = gruStep(framework, model, at(xs, t), h);
    hs.push(h);
  }
  return stack(hs);
}
