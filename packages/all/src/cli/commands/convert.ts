import { unlink } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import { assertNotInput, writeBytesAtomic } from '@interop/formats';
import type { NativeFormat } from '../../files/types.js';
import type { CliContext } from '../context.js';
import type { CliFlags } from '../flags.js';
import { numberFlag } from '../flags.js';
import { archPathOf, formatFlag, frameworkFiles, loadModel } from '../load-model.js';
import { progressBar } from '../progress.js';
import { parseShape } from '../sample-input.js';
import { describeReport, verifyModels } from '../verify-models.js';

function outputFormat(out: string, flag: string | undefined, formats: readonly NativeFormat[]): NativeFormat {
  if (flag !== undefined) return flag as NativeFormat;
  if (out.endsWith('.safetensors') && formats.includes('safetensors')) return 'safetensors';
  return formats[0]!;
}

/**
 * `interop convert INPUT --from F --to G --out OUTPUT [--arch SPEC.json] [--sample-input 8,8,3]
 * [--verify]`: reads F's native file, converts, and writes G's native file plus
 * `OUTPUT.arch.json`. Nothing is written unless every step, verification included, succeeds.
 */
export async function convertCommand(args: string[], flags: CliFlags, ctx: CliContext): Promise<number> {
  const [input, ...rest] = args;
  if (input === undefined || rest.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'convert takes exactly one input file', { found: args, fix: 'Run "interop convert INPUT --from F --to G --out OUTPUT"' });
  }
  const from = frameworkFiles(ctx, flags.from, '--from');
  const to = frameworkFiles(ctx, flags.to, '--to');
  if (flags.out === undefined) throw new InteropError('E_INVALID_ARGUMENT', '--out is required', { fix: 'Pass --out OUTPUT, the file to write' });
  const out = flags.out;
  const outFormat = outputFormat(out, formatFlag(flags['out-format'], to, '--out-format'), to.formats);
  const sampleInput = parseShape(flags['sample-input']);
  await assertNotInput(out, [input]);
  await assertNotInput(archPathOf(out), [input]);

  const source = await loadModel(ctx, input, from, { format: formatFlag(flags.format, from), arch: flags.arch, sampleInput });
  const converted = ctx.interop.convert(source.model, { from: from.framework, to: to.framework, ...(sampleInput ? { sampleInput } : {}) });
  const written = to.write(converted, outFormat);

  const report = flags.verify
    ? verifyModels(ctx, { framework: to.framework, model: to.read(written.bytes, outFormat, written.spec).model }, { framework: from.framework, model: source.model }, {
        sampleInput,
        seed: numberFlag(flags.seed, '--seed', 0),
        atol: numberFlag(flags.atol, '--atol', 1e-5),
        rtol: numberFlag(flags.rtol, '--rtol', 1e-5),
      })
    : undefined;
  if (report && !report.pass) {
    if (ctx.json) ctx.io.out(JSON.stringify({ ok: false, from: from.framework, to: to.framework, input, output: null, verify: report }));
    else for (const line of [...describeReport(report), `nothing written: ${out} would not compute what ${input} computes`]) ctx.io.err(line);
    return 1;
  }

  const archPath = archPathOf(out);
  await writeBytesAtomic(archPath, new TextEncoder().encode(`${JSON.stringify(written.spec, null, 2)}\n`), { inputs: [input] });
  try {
    const bar = progressBar(`writing ${out}`, ctx.progress && written.bytes.length >= 16 * 1024 * 1024);
    await writeBytesAtomic(out, written.bytes, { inputs: [input] });
    bar({ done: written.bytes.length, total: written.bytes.length });
  } catch (error) {
    await unlink(archPath).catch(() => undefined);
    throw error;
  }

  if (ctx.json) {
    ctx.io.out(JSON.stringify({ ok: true, from: from.framework, to: to.framework, input, inputFormat: source.format, output: out, outputFormat: outFormat, arch: archPath, assumed: source.assumed, ...(report ? { verify: report } : {}) }));
    return 0;
  }
  ctx.io.out(`read    ${input} (${from.framework}, ${source.format})`);
  for (const line of source.assumed) ctx.io.out(`assumed ${line}`);
  ctx.io.out(`wrote   ${out} (${to.framework}, ${outFormat}, ${written.bytes.length} bytes)`);
  ctx.io.out(`wrote   ${archPath} (the ${to.framework} architecture)`);
  if (report) for (const line of describeReport(report)) ctx.io.out(line);
  return 0;
}
