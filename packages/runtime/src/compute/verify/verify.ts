import { InteropError, Tensor } from '@interop/core';
import type { IRNode, KindTable, LayerIR } from '@interop/core';
import { getDefaultBackend } from '../backend/registry.js';
import type { BackendName } from '../backend/types.js';
import type { RunOptions } from '../run-ir.js';
import { runIR } from '../run-ir.js';
import type { AllcloseOptions, Discrepancy } from './allclose.js';
import { compare } from './allclose.js';

/**
 * Anything with a forward pass: a function, an object with `run`, or a layer IR (run by
 * {@link runIR}). Runnables receive the options `verify` was given (the backend and the plugin
 * kinds in particular).
 */
export type Runnable = ((x: Tensor, options: RunOptions) => Tensor) | { run(x: Tensor, options: RunOptions): Tensor } | LayerIR | IRNode;

/** Options of {@link verify}. */
export interface VerifyOptions extends AllcloseOptions {
  /**
   * Treat NaN as equal to NaN at the same position, as `numpy.testing.assert_allclose` does
   * (infinities always match the same infinity). @default true
   */
  equalNan?: boolean;
  /** Backend the runnables are asked to use. @default getDefaultBackend() */
  backend?: BackendName;
  /** Throw E_TOLERANCE_EXCEEDED instead of returning a failing report. @default false */
  throwOnFail?: boolean;
  /**
   * Plugin kind definitions (`registry.kinds()`), so IR holding a plugin's kind runs (through
   * its definition's `run`); passed on to runnables in their options.
   */
  kinds?: KindTable | undefined;
}

/** The verdict for one input. */
export interface OutputReport extends Discrepancy {
  index: number;
  shape: number[];
  pass: boolean;
}

/** What {@link verify} found. */
export interface VerifyReport {
  pass: boolean;
  backend: BackendName;
  atol: number;
  rtol: number;
  outputs: OutputReport[];
}

/**
 * Runs two models on the same inputs and compares their outputs with the {@link allclose}
 * criterion (`b` is the reference). IR holding a plugin's kind runs when `options.kinds` defines
 * it (`{ kinds: registry.kinds() }`). Defaults: atol 1e-8, rtol 1e-5 (NumPy's). Outputs that are
 * non-finite at the same positions with the same values match, as `numpy.testing.assert_allclose`
 * treats them; each output report counts the non-finite values of both sides.
 *
 * @throws {InteropError} E_TOLERANCE_EXCEEDED with `throwOnFail`; E_SHAPE_MISMATCH when the two
 *   outputs differ in shape; anything the runnables throw.
 * @example
 * ```ts
 * const report = verify(nnxIR, linenIR, [x], { atol: 1e-6, rtol: 1e-5, backend: 'gpu.js' });
 * report.pass; // true
 * ```
 */
export function verify(a: Runnable, b: Runnable, inputs: Tensor | Tensor[], options: VerifyOptions = {}): VerifyReport {
  const { atol = 1e-8, rtol = 1e-5, equalNan = true, backend = getDefaultBackend() } = options;
  const list = inputs instanceof Tensor ? [inputs] : inputs;
  const outputs = list.map((x, index) => {
    const ya = call(a, x, backend, options.kinds);
    const yb = call(b, x, backend, options.kinds);
    const d = compare(ya, yb, { atol, rtol, equalNan });
    return { index, shape: [...yb.shape], pass: d.mismatches === 0, ...d };
  });
  const report = { pass: outputs.every((o) => o.pass), backend, atol, rtol, outputs };
  if (!report.pass && options.throwOnFail) {
    const worst = outputs.find((o) => !o.pass)!;
    throw new InteropError('E_TOLERANCE_EXCEEDED', 'Model outputs differ beyond tolerance', {
      expected: `|a - b| <= ${atol} + ${rtol}·|b|`,
      found:
        worst.nonFiniteA + worst.nonFiniteB > 0
          ? `${worst.mismatches} mismatches on input ${worst.index}; non-finite values: ${worst.nonFiniteA} in a, ${worst.nonFiniteB} in b`
          : `max abs error ${worst.maxAbsError}, max rel error ${worst.maxRelError} on input ${worst.index}`,
      report,
    });
  }
  return report;
}

function call(model: Runnable, x: Tensor, backend: BackendName, kinds: KindTable | undefined): Tensor {
  const options: RunOptions = kinds === undefined ? { backend } : { backend, kinds };
  if (typeof model === 'function') return model(x, options);
  if ('run' in model && typeof model.run === 'function') return model.run(x, options);
  return runIR(model as LayerIR, x, options);
}
