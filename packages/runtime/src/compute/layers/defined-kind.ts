import { InteropError, Tensor, isFloatDType } from '@interop/core';
import type { AnyKindDefinition, IRNode } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { floats } from './context.js';
import type { Flowing } from './program.js';

/**
 * Runs a node of a plugin kind through its definition's `run`: the flowing value as a batched
 * float tensor (float64 on the `reference` backend, float32 otherwise) in, a tensor out. Required
 * tensors must be present, and with `checkNaN` the input and float tensors are scanned.
 *
 * @throws {InteropError} E_INVALID_IR when the definition has no `run`, a required tensor is
 *   missing or `run` returns no tensor; E_DTYPE for a non-float input or output; E_NAN with
 *   `checkNaN`; whatever `run` throws.
 * @example
 * ```ts
 * const y = runDefinedKind(scaleKind, scaleIR, { tensor: x }, ctx);
 * ```
 */
export function runDefinedKind(definition: AnyKindDefinition, ir: IRNode, input: Flowing, ctx: LayerContext): Activation {
  const { kind } = definition;
  if (typeof definition.run !== 'function') {
    throw new InteropError('E_INVALID_IR', `The runtime has no kernel for IR kind "${kind}", and its definition has no run`, {
      fix: `Give defineKind({ kind: '${kind}', ... }) a run(ir, x) that computes the forward pass on a batched tensor`,
    });
  }
  const tensors = (ir.tensors ?? {}) as Record<string, Tensor | undefined>;
  for (const [name, need] of Object.entries(definition.tensors)) {
    const t = tensors[name];
    if (t === undefined && need === 'required')
      throw new InteropError('E_INVALID_IR', `The ${kind} IR has no "${name}" tensor`, { expected: name });
    if (ctx.checkNaN && t instanceof Tensor && isFloatDType(t.dtype)) floats(t, ctx, `${kind} tensor "${name}"`);
  }
  const x = 'tensor' in input ? { data: floats(input.tensor, ctx, `Input to ${kind}`), shape: [...input.tensor.shape] } : input;
  const out: unknown = definition.run(ir as never, new Tensor(x.data instanceof Float64Array ? 'float64' : 'float32', x.shape, x.data));
  if (!(out instanceof Tensor)) {
    throw new InteropError('E_INVALID_IR', `The run of IR kind "${kind}" returned no Tensor`, {
      found: typeof out,
      fix: "Return a Tensor from the definition's run",
    });
  }
  return { data: floats(out, ctx, `Output of ${kind}`), shape: [...out.shape] };
}
