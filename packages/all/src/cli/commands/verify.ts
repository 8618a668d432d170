import { InteropError } from '@interop/core';
import type { CliContext } from '../context.js';
import type { CliFlags } from '../flags.js';
import { numberFlag } from '../flags.js';
import { formatFlag, frameworkFiles, loadModel } from '../load-model.js';
import { parseShape } from '../sample-input.js';
import { describeReport, verifyModels } from '../verify-models.js';

/**
 * `interop verify A B --from F --to G`: runs two existing checkpoints (A of framework F, the
 * reference B of framework G) on the same seeded random inputs and reports the difference.
 * Architectures come from `--arch` / `--arch-b`, from `FILE.arch.json` beside each file, or
 * from the file's names. Exit 0 when they match, 1 when they do not.
 */
export async function verifyCommand(args: string[], flags: CliFlags, ctx: CliContext): Promise<number> {
  const [fileA, fileB, ...rest] = args;
  if (fileA === undefined || fileB === undefined || rest.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'verify takes exactly two files', {
      found: args,
      fix: 'Run "interop verify A B --from F --to G"',
    });
  }
  const a = frameworkFiles(ctx, flags.from, '--from');
  const b = frameworkFiles(ctx, flags.to, '--to');
  const sampleInput = parseShape(flags['sample-input']);
  const modelA = await loadModel(ctx, fileA, a, { format: formatFlag(flags.format, a), arch: flags.arch, besideArch: true, sampleInput });
  const modelB = await loadModel(ctx, fileB, b, {
    format: formatFlag(flags['format-b'], b, '--format-b'),
    arch: flags['arch-b'],
    besideArch: true,
    sampleInput,
  });
  const report = verifyModels(
    ctx,
    { framework: a.framework, model: modelA.model },
    { framework: b.framework, model: modelB.model },
    {
      sampleInput,
      seed: numberFlag(flags.seed, '--seed', 0),
      atol: numberFlag(flags.atol, '--atol', 1e-5),
      rtol: numberFlag(flags.rtol, '--rtol', 1e-5),
    },
  );
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: report.pass, a: fileA, b: fileB, verify: report }));
  else for (const line of describeReport(report)) (report.pass ? ctx.io.out : ctx.io.err)(line);
  return report.pass ? 0 : 1;
}
