import { unlink } from 'node:fs/promises';
import { InteropError, fitToTemplate, weightLayers } from '@interop/core';
import type { IRNode, TemplatePair } from '@interop/core';
import { assertNotInput, writeBytesAtomic } from '@interop/formats';
import { assumptionSummary, computationalAssumptions, refuseAssumptions } from '../assumptions.js';
import type { CliContext, FrameworkFiles } from '../context.js';
import type { CliFlags } from '../flags.js';
import { numberFlag } from '../flags.js';
import { archPathOf, codecOf, formatFlag, frameworkFiles, loadModel } from '../load-model.js';
import { progressBar } from '../progress.js';
import { parseShape } from '../sample-input.js';
import { checkSameTree, describePairs, loadTemplate, orderLikeTemplate, parseRenames } from '../template.js';
import { describeLayerReport, runsWhole, verifyLayers } from '../verify-layers.js';
import type { LayerReport } from '../verify-layers.js';
import { describeReport, verifyModels } from '../verify-models.js';
import type { VerifyFlags } from '../verify-models.js';

/** `--out-format`, else the format whose file name ending OUTPUT has, else the framework's first. */
function outputFormat(out: string, flag: string | undefined, files: FrameworkFiles): string {
  if (flag !== undefined) return flag;
  return (files.formats.find((c) => c.extensions?.some((e) => out.endsWith(e))) ?? files.formats[0]!).id;
}

/** The converted model's IR: the source's, or the template filled with it (`--like`). */
async function targetIR(ctx: CliContext, flags: CliFlags, to: FrameworkFiles, source: IRNode, sampleInput: number[] | undefined) {
  const renames = parseRenames(flags.rename);
  if (flags.like === undefined) {
    if (renames.length > 0 || flags['like-arch'] !== undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', `${renames.length > 0 ? '--rename' : '--like-arch'} needs --like TEMPLATE`, {
        fix: 'Pass --like with a file of the freshly initialised target model',
      });
    }
    return { ir: source, template: undefined, pairs: undefined };
  }
  const template = await loadTemplate(ctx, flags.like, to, { arch: flags['like-arch'], sampleInput });
  const templateIR = ctx.interop.toIR(template.model, to.framework, sampleInput ? { sampleInput } : {});
  const fitted = fitToTemplate(source, templateIR, { renames, exactParams: template.assumed.length === 0 });
  return { ir: fitted.ir, template, pairs: fitted.pairs };
}

type Report = (ReturnType<typeof verifyModels> & { mode: 'model' }) | LayerReport;

/**
 * `interop convert INPUT --from F --to G --out OUTPUT [--arch SPEC.json] [--like TEMPLATE
 * [--like-arch SPEC.json] [--rename 'REGEX=REPLACEMENT']...] [--sample-input 8,8,3] [--verify]
 * [--strict]`: reads F's native file, converts (into the template's tree with `--like`), and
 * writes G's native file plus `OUTPUT.arch.json`. Nothing is written unless every step,
 * verification included, succeeds.
 */
export async function convertCommand(args: string[], flags: CliFlags, ctx: CliContext): Promise<number> {
  const [input, ...rest] = args;
  if (input === undefined || rest.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'convert takes exactly one input file', {
      found: args,
      fix: 'Run "interop convert INPUT --from F --to G --out OUTPUT"',
    });
  }
  const from = frameworkFiles(ctx, flags.from, '--from');
  const to = frameworkFiles(ctx, flags.to, '--to');
  if (flags.out === undefined)
    throw new InteropError('E_INVALID_ARGUMENT', '--out is required', { fix: 'Pass --out OUTPUT, the file to write' });
  const out = flags.out;
  const inputs = flags.like === undefined ? [input] : [input, flags.like];
  const sampleInput = parseShape(flags['sample-input']);
  const verifyFlags: VerifyFlags = {
    sampleInput,
    seed: numberFlag(flags.seed, '--seed', 0),
    atol: numberFlag(flags.atol, '--atol', 1e-5),
    rtol: numberFlag(flags.rtol, '--rtol', 1e-5),
  };
  for (const path of [out, archPathOf(out)]) await assertNotInput(path, inputs);

  const source = await loadModel(ctx, input, from, {
    format: formatFlag(flags.format, from),
    arch: flags.arch,
    besideArch: true,
    sampleInput,
  });
  if (flags.strict) refuseAssumptions(input, source.assumed, from.framework);
  const shape = sampleInput ? { sampleInput } : {};
  const sourceIR = ctx.interop.toIR(source.model, from.framework, shape);
  const { ir, template, pairs } = await targetIR(ctx, flags, to, sourceIR, sampleInput);
  const requested = formatFlag(flags['out-format'], to, '--out-format');
  if (template && requested !== undefined && requested !== template.format) {
    throw new InteropError('E_INVALID_ARGUMENT', `--out-format ${requested} differs from the template's format (${template.format})`, {
      fix: "Leave out --out-format: the output has the template's format and tree",
    });
  }
  const outFormat = template?.format ?? outputFormat(out, requested, to);
  const written = to.write(ctx.interop.fromIR(ir, to.framework, shape), outFormat);
  if (template) {
    written.bytes = orderLikeTemplate(written.bytes, template.bytes, codecOf(to, outFormat));
    checkSameTree(written.bytes, template.bytes, codecOf(to, outFormat), flags.like!);
  }

  const report = flags.verify
    ? verifyOutput(ctx, { from, to, sourceIR, sourceModel: source.model, written, outFormat, pairs }, verifyFlags)
    : undefined;
  const total = weightLayers(sourceIR).length;
  const lines = (r: Report) => (r.mode === 'layers' ? describeLayerReport(r, total) : describeReport(r));
  if (report && !report.pass) {
    if (ctx.json) ctx.io.out(JSON.stringify({ ok: false, from: from.framework, to: to.framework, input, output: null, verify: report }));
    else for (const line of [...lines(report), `nothing written: ${out} would not compute what ${input} computes`]) ctx.io.err(line);
    return 1;
  }

  const archPath = archPathOf(out);
  await writeBytesAtomic(archPath, new TextEncoder().encode(`${JSON.stringify(written.spec, null, 2)}\n`), { inputs });
  try {
    const bar = progressBar(`writing ${out}`, ctx.progress && written.bytes.length >= 16 * 1024 * 1024);
    await writeBytesAtomic(out, written.bytes, { inputs });
    bar({ done: written.bytes.length, total: written.bytes.length });
  } catch (error) {
    await unlink(archPath).catch(() => undefined);
    throw error;
  }

  const assumptions = computationalAssumptions(source.assumed).length;
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        ok: true,
        from: from.framework,
        to: to.framework,
        input,
        inputFormat: source.format,
        output: out,
        outputFormat: outFormat,
        arch: archPath,
        assumed: source.assumed,
        assumptions,
        ...(template
          ? { like: flags.like, pairs: pairs!.map((p) => ({ source: p.source, template: p.template, renamed: p.renamed })) }
          : {}),
        ...(report ? { verify: report } : {}),
      }),
    );
    return 0;
  }
  ctx.io.out(`read    ${input} (${from.framework}, ${source.format})`);
  for (const line of source.assumed) ctx.io.out(`assumed ${line}`);
  if (template) {
    ctx.io.out(`like    ${flags.like} (${to.framework}, ${template.format})`);
    for (const line of describePairs(pairs!)) ctx.io.out(line);
  }
  ctx.io.out(`wrote   ${out} (${to.framework}, ${outFormat}, ${written.bytes.length} bytes)`);
  ctx.io.out(`wrote   ${archPath} (the ${to.framework} architecture)`);
  if (report) for (const line of lines(report)) ctx.io.out(line);
  const summary = assumptionSummary(source.assumed);
  if (summary) ctx.io.out(summary);
  return 0;
}

interface Converted {
  from: FrameworkFiles;
  to: FrameworkFiles;
  sourceIR: IRNode;
  sourceModel: unknown;
  written: { bytes: Uint8Array; spec: unknown };
  outFormat: string;
  pairs: TemplatePair[] | undefined;
}

/**
 * Verifies what is about to be written, read back as the target framework reads it: the whole
 * model against the source when both run whole, else every layer against its source layer.
 */
function verifyOutput(ctx: CliContext, c: Converted, flags: VerifyFlags): Report {
  const output = c.to.read(c.written.bytes, c.outFormat, c.written.spec, { sampleInput: flags.sampleInput }).model;
  const outIR = ctx.interop.toIR(output, c.to.framework, flags.sampleInput ? { sampleInput: flags.sampleInput } : {});
  if (runsWhole(c.sourceIR) && runsWhole(outIR)) {
    return {
      mode: 'model',
      ...verifyModels(ctx, { framework: c.to.framework, model: output }, { framework: c.from.framework, model: c.sourceModel }, flags),
    };
  }
  const pairs = c.pairs ? new Map(c.pairs.map((p) => [p.source, p.template])) : undefined;
  return verifyLayers(ctx, { framework: c.to.framework, ir: outIR }, { framework: c.from.framework, ir: c.sourceIR }, pairs, flags);
}
