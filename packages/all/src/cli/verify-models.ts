import { InteropError } from '@interop/core';
import type { Tensor } from '@interop/core';
import { verify } from '@interop/runtime';
import type { VerifyReport } from '@interop/runtime';
import type { CliContext } from './context.js';
import type { CliFlags } from './flags.js';
import { numberFlag } from './flags.js';
import { releasingAfter } from './release-tensors.js';
import { inputSpecOf, randomInputs } from './sample-input.js';

/** One side of a verification: a model and its framework. */
export interface Side {
  framework: string;
  model: unknown;
}

/** Tolerances and inputs of a verification. */
export interface VerifyFlags {
  sampleInput: number[] | undefined;
  seed: number;
  atol: number;
  rtol: number;
  /** What the standard normal random inputs are multiplied by (`--input-scale`). */
  inputScale: number;
}

/** The verification flags of a command line: `--seed`, `--atol`, `--rtol`, `--input-scale`. */
export function verifyFlagsOf(flags: CliFlags, sampleInput: number[] | undefined): VerifyFlags {
  const inputScale = numberFlag(flags['input-scale'], '--input-scale', 1);
  if (!(inputScale > 0)) {
    throw new InteropError('E_INVALID_ARGUMENT', `--input-scale "${flags['input-scale']}" is not a positive number`, {
      fix: 'Pass --input-scale with a number above 0, e.g. --input-scale 0.1 for smaller inputs',
    });
  }
  return {
    sampleInput,
    seed: numberFlag(flags.seed, '--seed', 0),
    atol: numberFlag(flags.atol, '--atol', 1e-5),
    rtol: numberFlag(flags.rtol, '--rtol', 1e-5),
    inputScale,
  };
}

/**
 * Where the two sides differ in their non-finite outputs (`inf`, `NaN`), how many each has and
 * what to try: large weights overflow a deep stack on random inputs of scale 1.
 */
export function nonFiniteLines(converted: number, reference: number, at = ''): string[] {
  if (converted === 0 && reference === 0) return [];
  return [
    `        ${at}non-finite outputs: ${converted} converted, ${reference} reference; values overflow on these inputs`,
    '        try a smaller input scale (e.g. --input-scale 0.01) to compare finite outputs',
  ];
}

/** Runs `a` and the reference `b`, each through its own framework, on seeded random inputs. */
export function verifyModels(ctx: CliContext, a: Side, b: Side, flags: VerifyFlags): VerifyReport & { inputShape: number[] } {
  const ir = ctx.interop.toIR(b.model, b.framework, flags.sampleInput ? { sampleInput: flags.sampleInput } : {});
  const spec = inputSpecOf(ir, flags.sampleInput);
  const inputs = randomInputs(spec, flags);
  const run = (side: Side) => (x: Tensor) => ctx.files[side.framework]!.forward(side.model, x);
  // Values read while the models run are dropped after, so the writer streams them again.
  const report = releasingAfter([a.model, b.model], () => verify(run(a), run(b), inputs, { atol: flags.atol, rtol: flags.rtol }));
  return { ...report, inputShape: [inputs[0]!.shape[0]!, ...spec.shape] };
}

/** The report as lines for people. */
export function describeReport(report: VerifyReport & { inputShape: number[] }): string[] {
  const worstAbs = Math.max(...report.outputs.map((o) => o.maxAbsError));
  const worstRel = Math.max(...report.outputs.map((o) => o.maxRelError));
  return [
    `verify: ${report.outputs.length} random inputs of shape (${report.inputShape.join(', ')}), output shape (${report.outputs[0]?.shape.join(', ')})`,
    `        max abs error ${worstAbs.toExponential(2)}, max rel error ${worstRel.toExponential(2)} (atol ${report.atol}, rtol ${report.rtol})`,
    `        ${report.pass ? 'outputs match' : `OUTPUTS DIFFER on ${report.outputs.filter((o) => !o.pass).length} of ${report.outputs.length} inputs`}`,
    ...(report.pass
      ? []
      : nonFiniteLines(
          report.outputs.reduce((n, o) => n + o.nonFiniteA, 0),
          report.outputs.reduce((n, o) => n + o.nonFiniteB, 0),
        )),
  ];
}
