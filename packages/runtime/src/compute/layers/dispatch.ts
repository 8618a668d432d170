import { InteropError } from '@interop/core';
import type { LayerIR, Tensor } from '@interop/core';
import type { Activation, LayerContext } from './context.js';
import { expectInput, sameShape } from './context.js';
import { runDefinedKind } from './defined-kind.js';
import type { Kernel } from './kernels.js';
import { KERNELS } from './kernels.js';

/**
 * Runs one IR node (recursing into sequential stacks and module trees) on a batched input, with
 * the kernel of its kind from {@link KERNELS}, or, for a plugin kind, its definition's `run` from
 * `ctx.kinds`. The input stays a Tensor until the first layer, so embedding can read integer ids;
 * cells run one step from a zero carry and return `h'`.
 *
 * @throws {InteropError} E_INVALID_IR for unknown kinds; errors inside a stack carry the path
 *   `layers/<i>`.
 * @example
 * ```ts
 * const y = runLayer(ir, { tensor: x }, ctx);
 * ```
 */
export function runLayer(ir: LayerIR, input: Activation | { tensor: Tensor }, ctx: LayerContext): Activation {
  if (ir === null || typeof ir !== 'object' || typeof (ir as { kind?: unknown }).kind !== 'string') {
    throw new InteropError('E_INVALID_IR', 'A layer IR must be an object with a string "kind"', { found: ir });
  }
  const shape = 'tensor' in input ? [...input.tensor.shape] : input.shape;
  if (ir.inputShape !== undefined) {
    expectInput(sameShape(shape.slice(1), ir.inputShape), ir, shape, `[batch, ${ir.inputShape.join(', ')}] (the IR's inputShape)`);
  }
  const kind: string = ir.kind;
  if (Object.hasOwn(KERNELS, kind)) return (KERNELS[kind as keyof typeof KERNELS] as Kernel<LayerIR>)(ir, input, ctx, runLayer);
  const definition = ctx.kinds !== undefined && Object.hasOwn(ctx.kinds, kind) ? ctx.kinds[kind] : undefined;
  if (definition) return runDefinedKind(definition, ir, input, ctx);
  throw new InteropError('E_INVALID_IR', `Unknown IR kind "${kind}"`, {
    fix: "Use one of the kinds in BUILTIN_IR_KINDS, or pass a plugin's kinds to run it (runIR(ir, x, { kinds: registry.kinds() }))",
  });
}
