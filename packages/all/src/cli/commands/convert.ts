import { unlink } from 'node:fs/promises';
import { InteropError, fitToTemplate, weightLayers } from '@interop/core';
import type { IRNode, TemplatePair } from '@interop/core';
import { assertNotInput, writeBytesAtomic } from '@interop/formats';
import { assumptionSummary, computationalAssumptions, refuseAssumptions } from '../assumptions.js';
import type { CliContext, FrameworkFiles } from '../context.js';
import type { CliFlags } from '../flags.js';
import { selectFlags } from '../flags.js';
import { archPathOf, formatFlag, frameworkFiles, loadModel } from '../load-model.js';
import type { InputModel } from '../load-model.js';
import { closeAll } from '../open-input.js';
import type { OpenedInput } from '../open-input.js';
import { outputArrays, prepareOutput, readBack, refuseExistingDirectory, writeOutput } from '../output-file.js';
import type { PreparedOutput } from '../output-file.js';
import { parseShape } from '../sample-input.js';
import { checkSameArrays, describePairs, loadTemplate, orderOutputLikeTemplate, parseRenames } from '../template.js';
import { describeLayerReport, runsWhole, verifyLayers } from '../verify-layers.js';
import type { LayerReport } from '../verify-layers.js';
import { describeReport, verifyFlagsOf, verifyModels } from '../verify-models.js';
import type { VerifyFlags } from '../verify-models.js';

/**
 * `--out-format`, else the format whose file name ending OUTPUT has, else the framework's first
 * (never a directory format: an OUTPUT without an extension stays a file; `--out-format orbax`).
 */
function outputFormat(out: string, flag: string | undefined, files: FrameworkFiles): string {
  if (flag !== undefined) return flag;
  return (files.formats.find((c) => c.extensions?.some((e) => out.endsWith(e))) ?? files.formats[0]!).id;
}

/** The converted model's IR: the source's, or the template filled with it (`--like`). */
async function targetIR(
  ctx: CliContext,
  flags: CliFlags,
  to: FrameworkFiles,
  source: IRNode,
  sampleInput: number[] | undefined,
  opened: Array<OpenedInput | undefined>,
) {
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
  opened.push(template.input);
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
  const verifyFlags = verifyFlagsOf(flags, sampleInput);
  for (const path of [out, archPathOf(out)]) await assertNotInput(path, inputs);

  // Inputs stay open until the output is written: its tensors are read from them block by block.
  const opened: Array<OpenedInput | undefined> = [];
  try {
    const source = await loadModel(ctx, input, from, {
      format: formatFlag(flags.format, from),
      arch: flags.arch,
      besideArch: true,
      sampleInput,
      select: selectFlags(flags),
    });
    opened.push(source.input);
    if (flags.strict) refuseAssumptions(input, source.assumed, from.title);
    const shape = sampleInput ? { sampleInput } : {};
    const sourceIR = ctx.interop.toIR(source.model, from.framework, shape);
    const { ir, template, pairs } = await targetIR(ctx, flags, to, sourceIR, sampleInput, opened);
    const requested = formatFlag(flags['out-format'], to, '--out-format');
    if (template && requested !== undefined && requested !== template.format) {
      throw new InteropError('E_INVALID_ARGUMENT', `--out-format ${requested} differs from the template's format (${template.format})`, {
        fix: "Leave out --out-format: the output has the template's format and tree",
      });
    }
    const outFormat = template?.format ?? outputFormat(out, requested, to);
    let written = prepareOutput(to, ctx.interop.fromIR(ir, to.framework, shape), outFormat);
    if (template) {
      written = orderOutputLikeTemplate(written, template.input);
      checkSameArrays(outputArrays(written), template.input.arrays(), flags.like!);
    }

    const report = flags.verify
      ? verifyOutput(ctx, { from, to, sourceIR, sourceModel: source.model, written, pairs }, verifyFlags)
      : undefined;
    const total = weightLayers(sourceIR).length;
    const lines = (r: Report) => (r.mode === 'layers' ? describeLayerReport(r, total) : describeReport(r));
    if (report && !report.pass) {
      if (ctx.json) ctx.io.out(JSON.stringify({ ok: false, from: from.framework, to: to.framework, input, output: null, verify: report }));
      else for (const line of [...lines(report), `nothing written: ${out} would not compute what ${input} computes`]) ctx.io.err(line);
      return 1;
    }

    const archPath = archPathOf(out);
    await refuseExistingDirectory(out, written);
    await writeBytesAtomic(archPath, new TextEncoder().encode(`${JSON.stringify(written.spec, null, 2)}\n`), { inputs });
    let size: number;
    try {
      size = await writeOutput(ctx, out, written, inputs);
    } catch (error) {
      await unlink(archPath).catch(() => undefined);
      throw error;
    }
    summarise(ctx, { flags, from, to, input, out, outFormat, archPath, size, source, template, pairs, report, lines });
    return 0;
  } finally {
    await closeAll(opened);
  }
}

/** `, step 3, item state` for a directory input, else nothing. */
function directoryPick(input: OpenedInput): string {
  const d = input.directory;
  if (!d) return '';
  return `${d.step !== undefined ? `, step ${d.step}` : ''}${d.item !== undefined ? `, item ${d.item}` : ''}`;
}

interface Summary {
  flags: CliFlags;
  from: FrameworkFiles;
  to: FrameworkFiles;
  input: string;
  out: string;
  outFormat: string;
  archPath: string;
  size: number;
  source: InputModel;
  template: InputModel | undefined;
  pairs: TemplatePair[] | undefined;
  report: Report | undefined;
  lines: (r: Report) => string[];
}

/** What a successful convert prints: JSON, or lines for people. */
function summarise(ctx: CliContext, s: Summary): void {
  const { flags, from, to, input, out, outFormat, archPath, source, template, pairs, report } = s;
  const assumptions = computationalAssumptions(source.assumed).length;
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        ok: true,
        from: from.framework,
        to: to.framework,
        input,
        inputFormat: source.format,
        ...(source.input.directory?.step !== undefined ? { step: source.input.directory.step } : {}),
        ...(source.input.directory?.item !== undefined ? { item: source.input.directory.item } : {}),
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
    return;
  }
  ctx.io.out(`read    ${input} (${from.framework}, ${source.format}${directoryPick(source.input)})`);
  for (const line of source.assumed) ctx.io.out(`assumed ${line}`);
  if (template) {
    ctx.io.out(`like    ${flags.like} (${to.framework}, ${template.format})`);
    for (const line of describePairs(pairs!)) ctx.io.out(line);
  }
  ctx.io.out(`wrote   ${out} (${to.framework}, ${outFormat}, ${s.size} bytes${outFormat === 'orbax' ? ' of arrays, a directory' : ''})`);
  ctx.io.out(`wrote   ${archPath} (the ${to.framework} architecture)`);
  if (report) for (const line of s.lines(report)) ctx.io.out(line);
  const summary = assumptionSummary(source.assumed);
  if (summary) ctx.io.out(summary);
}

interface Converted {
  from: FrameworkFiles;
  to: FrameworkFiles;
  sourceIR: IRNode;
  sourceModel: unknown;
  written: PreparedOutput;
  pairs: TemplatePair[] | undefined;
}

/**
 * Verifies what is about to be written, read back as the target framework reads it: the whole
 * model against the source when both run whole, else every layer against its source layer.
 */
function verifyOutput(ctx: CliContext, c: Converted, flags: VerifyFlags): Report {
  const output = readBack(c.to, c.written, { sampleInput: flags.sampleInput }).model;
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
