import type { Tensor } from '@interop/core';
import { verify } from '@interop/runtime';
import type { VerifyReport } from '@interop/runtime';
import type { CliContext } from './context.js';
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
}

/** Runs `a` and the reference `b`, each through its own framework, on seeded random inputs. */
export function verifyModels(ctx: CliContext, a: Side, b: Side, flags: VerifyFlags): VerifyReport & { inputShape: number[] } {
  const ir = ctx.interop.toIR(b.model, b.framework, flags.sampleInput ? { sampleInput: flags.sampleInput } : {});
  const spec = inputSpecOf(ir, flags.sampleInput);
  const inputs = randomInputs(spec, flags.seed);
  const run = (side: Side) => (x: Tensor) => ctx.files[side.framework]!.forward(side.model, x);
  const report = verify(run(a), run(b), inputs, { atol: flags.atol, rtol: flags.rtol });
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
  ];
}
