import { stat } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { CliContext } from '../context.js';
import type { CliFlags } from '../flags.js';
import { selectFlags } from '../flags.js';
import { formatFlag, frameworkFiles, loadModel } from '../load-model.js';
import { closeAll } from '../open-input.js';
import type { OpenedInput } from '../open-input.js';
import { parseShape } from '../sample-input.js';
import { describeReport, verifyFlagsOf, verifyModels } from '../verify-models.js';

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
  const opened: Array<OpenedInput | undefined> = [];
  // --step / --item apply to whichever of A and B is a checkpoint directory.
  const select = selectFlags(flags);
  const selectFor = async (path: string) =>
    (await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    ))
      ? select
      : {};
  try {
    const modelA = await loadModel(ctx, fileA, a, {
      format: formatFlag(flags.format, a),
      arch: flags.arch,
      besideArch: true,
      sampleInput,
      select: await selectFor(fileA),
    });
    opened.push(modelA.input);
    const modelB = await loadModel(ctx, fileB, b, {
      format: formatFlag(flags['format-b'], b, '--format-b'),
      arch: flags['arch-b'],
      besideArch: true,
      sampleInput,
      select: await selectFor(fileB),
    });
    opened.push(modelB.input);
    return report(
      ctx,
      fileA,
      fileB,
      verifyModels(
        ctx,
        { framework: a.framework, model: modelA.model },
        { framework: b.framework, model: modelB.model },
        verifyFlagsOf(flags, sampleInput),
      ),
    );
  } finally {
    await closeAll(opened);
  }
}

function report(ctx: CliContext, fileA: string, fileB: string, r: ReturnType<typeof verifyModels>): number {
  if (ctx.json) ctx.io.out(JSON.stringify({ ok: r.pass, a: fileA, b: fileB, verify: r }));
  else for (const line of describeReport(r)) (r.pass ? ctx.io.out : ctx.io.err)(line);
  return r.pass ? 0 : 1;
}
