import { InteropError, Tensor, isInteropError } from '@interop/core';
import type { ForwardStep, IRNode } from '@interop/core';
import { getBackend } from './backend/registry.js';
import { lastRun, trackRun } from './backend/report.js';
import type { Activation, LayerContext } from './layers/context.js';
import { floats } from './layers/context.js';
import { runLayer } from './layers/dispatch.js';
import type { Flowing } from './layers/program.js';
import { activation, checkOp, runSteps } from './layers/program.js';
import type { RunOptions } from './run-ir.js';
import { toTensor } from './run-ir.js';

/**
 * Runs a forward program (the `forward` of a module IR) on a batched, channels-last input
 * `[batch, ...example]`: `{ call: name }` steps through `callChild(name, x)` (which runs that
 * child however the caller holds it), `{ op }` steps with the runtime's kernels for the stateless
 * kinds (`pool`, `flatten`, `reshape`, `mean`, `softmax`, `activation`, `dropout`; a stateless
 * plugin kind of `options.kinds` through its `run`), and
 * `{ residual, shortcut? }` as `shortcut(x) + residual(x)` (the shortcut defaults to `x`). Values
 * handed to `callChild` are float32 tensors (float64 on the `reference` backend). The output is
 * float32 unless `outputDtype` says otherwise. {@link lastRun} reports kind `'program'` with the
 * engines of the ops and of any `runIR`/`runProgram` that `callChild` ran.
 *
 * @throws {InteropError} E_INVALID_IR for a malformed step or a non-stateless `{ op }`;
 *   E_SHAPE_MISMATCH when a residual adds different shapes or an op does not fit its input;
 *   E_INVALID_ARGUMENT for a non-tensor input or a `callChild` that returns no tensor. Errors
 *   thrown by `callChild` are rethrown located at the child's name; errors of ops at
 *   `forward/<i>`.
 * @example
 * ```ts
 * const steps: ForwardStep[] = [{ call: 'conv' }, { op: { kind: 'activation', params: { fn: 'relu' }, tensors: {} } }];
 * const y = runProgram(steps, x, (name, h) => runIR(children[name], h), { backend: 'tiled' });
 * ```
 */
export function runProgram(
  steps: ForwardStep[],
  x: Tensor,
  callChild: (name: string, x: Tensor) => Tensor,
  options: RunOptions = {},
): Tensor {
  if (!(x instanceof Tensor)) throw new InteropError('E_INVALID_ARGUMENT', 'runProgram needs a Tensor input', { found: typeof x });
  if (typeof callChild !== 'function') {
    throw new InteropError('E_INVALID_ARGUMENT', 'runProgram needs a callChild function', {
      found: typeof callChild,
      fix: 'Pass (name, x) => Tensor that runs the named child',
    });
  }
  const run = trackRun(getBackend(options.backend), 'program');
  const ctx: LayerContext = { backend: run.backend, checkNaN: options.checkNaN ?? false, kinds: options.kinds };
  const dtype = run.backend.name === 'reference' ? 'float64' : 'float32';
  const call = (name: string, input: Flowing): Activation => {
    const before = lastRun();
    let out: unknown;
    try {
      out = callChild(name, 'tensor' in input ? input.tensor : toTensor(input.data, input.shape, dtype));
    } catch (e) {
      throw isInteropError(e) ? e.at(name) : e;
    }
    const report = lastRun();
    if (report !== before && report) run.note(report.engines);
    if (!(out instanceof Tensor)) {
      throw new InteropError('E_INVALID_ARGUMENT', `callChild returned no Tensor for child \`${name}\``, { path: name, found: typeof out });
    }
    return { data: floats(out, ctx, `Output of child \`${name}\``), shape: [...out.shape] };
  };
  const op = (node: IRNode, input: Flowing): Activation => runLayer(checkOp(node, ctx), input, ctx);
  const out = activation(runSteps(steps, { tensor: x }, { call, op }, ctx, 'forward'), ctx);
  run.finish();
  return toTensor(out.data, out.shape, options.outputDtype);
}
