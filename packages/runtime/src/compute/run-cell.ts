import { InteropError, Tensor } from '@interop/core';
import type { GRUCellChoIR, GRUCellIR, LSTMCellIR } from '@interop/core';
import { getBackend } from './backend/registry.js';
import { trackRun } from './backend/report.js';
import { gruChoStep, gruStep, lstmStep } from './layers/cells.js';
import type { LayerContext } from './layers/context.js';
import { expectInput, floats, sameShape } from './layers/context.js';
import type { RunOptions } from './run-ir.js';
import { toTensor } from './run-ir.js';

/** Any recurrent cell IR. */
export type CellIR = LSTMCellIR | GRUCellIR | GRUCellChoIR;

/** The carry of a cell: `{ h, c }` for LSTM, `{ h }` for both GRUs; each `[batch, hidden]`. */
export interface Carry {
  h: Tensor;
  c?: Tensor;
}

/**
 * One step of a recurrent cell: `x [batch, inputSize]` and the carry in, the new carry out
 * (float32, like {@link runIR}). The output `h` is the new carry's `h`.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH for x or carry shapes; E_INVALID_ARGUMENT when an LSTM
 *   carry lacks `c`; the errors of {@link runIR}.
 * @example
 * ```ts
 * const next = runCell(lstmIR, x, { h: zeros, c: zeros }, { backend: 'reference' });
 * next.h; // Tensor float32 [batch, hidden]
 * ```
 */
export function runCell(ir: CellIR, x: Tensor, carry: Carry, options: RunOptions = {}): Carry {
  if (!['lstm-cell', 'gru-cell', 'gru-cell-cho'].includes(ir?.kind)) {
    throw new InteropError('E_INVALID_IR', 'runCell needs an lstm-cell, gru-cell or gru-cell-cho IR', { found: ir?.kind });
  }
  const run = trackRun(getBackend(options.backend), ir.kind);
  const ctx: LayerContext = { backend: run.backend, checkNaN: options.checkNaN ?? false };
  const { inputSize: I, hiddenSize: H } = ir.params;
  expectInput(x.shape.length === 2 && x.shape[1] === I, ir, x.shape, `[batch, ${I}]`);
  const batch = x.shape[0]!;
  const state = { h: carryPart(carry.h, 'h', batch, H, ctx), c: undefined as Float32Array | Float64Array | undefined };
  if (ir.kind === 'lstm-cell') {
    if (!carry.c) throw new InteropError('E_INVALID_ARGUMENT', 'An LSTM carry needs both h and c', { fix: 'Pass { h, c }' });
    state.c = carryPart(carry.c, 'c', batch, H, ctx);
  }
  const xs = floats(x, ctx, 'Cell input');
  const next =
    ir.kind === 'lstm-cell'
      ? lstmStep(ir, xs, state, batch, ctx)
      : ir.kind === 'gru-cell'
        ? gruStep(ir, xs, state, batch, ctx)
        : gruChoStep(ir, xs, state, batch, ctx);
  run.finish();
  const h = toTensor(next.h, [batch, H], options.outputDtype);
  return next.c ? { h, c: toTensor(next.c, [batch, H], options.outputDtype) } : { h };
}

function carryPart(t: Tensor, name: string, batch: number, H: number, ctx: LayerContext): Float32Array | Float64Array {
  if (!(t instanceof Tensor) || !sameShape(t.shape, [batch, H])) {
    throw new InteropError('E_SHAPE_MISMATCH', `Carry "${name}" has the wrong shape`, {
      expected: `[${batch}, ${H}]`,
      found: t instanceof Tensor ? `[${t.shape.join(', ')}]` : typeof t,
    });
  }
  return floats(t, ctx, `Carry "${name}"`);
}
