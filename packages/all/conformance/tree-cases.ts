/**
 * Live template conversions of whole models: `tooling/conformance/live/trees.py write` saved, with
 * the real frameworks, each source model, a freshly initialised template of the target model and
 * the arguments of each `interop convert` (in `$INTEROP_TREES_DIR/cases.json`); here the CLI
 * runs them, and every output becomes a `kind: "tree"` case that `trees.py check` loads into the
 * target framework's own class. Expected refusals are run too: the exit code, the error code, the
 * layers the message must name, and that nothing was written are checked here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';

/** One case of `cases.json`, as `trees.py write` describes it. */
interface TreeCase {
  name: string;
  from: string;
  to: string;
  arch: string;
  args: string[];
  output: string;
  /** `ok`, or the error code of an expected refusal. */
  expect: string;
  /** What the refusal must name. */
  names?: string | string[];
  arrays: { input: string; output: string };
  /** A second conversion of the first's output (`@out`), whose arrays must equal the source's exactly. */
  then?: { args: string[]; output: string; exact_as: string };
}

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

const FILE_FLAGS = new Set(['--like', '--arch', '--like-arch']);

/** `interop convert` with the case's files resolved in `dir`; `@out` is the previous output. */
async function run(dir: string, args: string[], out: string, previous?: string): Promise<{ code: number; stderr: string[] }> {
  const resolve = (arg: string) => (arg === '@out' ? previous! : arg === '@out.arch.json' ? `${previous!}.arch.json` : join(dir, arg));
  const argv = args.map((arg, i) => (i === 0 || FILE_FLAGS.has(args[i - 1]!) ? resolve(arg) : arg));
  const stderr: string[] = [];
  const code = await main(['convert', ...argv, '--out', out], { out: () => undefined, err: (l) => stderr.push(l) });
  return { code, stderr };
}

const bytes = (path: string) => new Uint8Array(readFileSync(path));

/** Writes one case per tree conversion of `$INTEROP_TREES_DIR/cases.json`. */
export async function writeTreeCases(ctx: CaseContext): Promise<void> {
  const dir = process.env.INTEROP_TREES_DIR;
  if (!dir) {
    console.log('  all: tree cases need the Python-written sources (INTEROP_TREES_DIR, set by pnpm conformance): skipped');
    return;
  }
  const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as TreeCase[];
  for (const c of cases) {
    const out = join(dir, c.output);
    const first = await run(dir, c.args, out);
    const base = {
      framework: c.to,
      layer: `${c.from} → ${c.to} (interop convert --like)`,
      kind: 'tree',
      arch: c.arch,
      expect: c.expect,
      tolerance: { rtol: 1e-5, atol: 1e-5 },
    };
    const arrays = {
      [`${c.name}.input.npy`]: bytes(join(dir, c.arrays.input)),
      [`${c.name}.output.npy`]: bytes(join(dir, c.arrays.output)),
    };
    const manifestArrays = { input: `${c.name}.input.npy`, output: `${c.name}.output.npy` };
    if (c.expect !== 'ok') {
      const line = first.stderr[0] ?? '';
      const names = ([] as string[]).concat(c.names ?? []);
      const problems = [
        first.code === 2 ? '' : `exit ${first.code}, not 2`,
        line.startsWith(`interop: ${c.expect}: `) ? '' : `not ${c.expect}`,
        ...names.filter((n) => !line.includes(n)).map((n) => `does not name ${n}`),
        existsSync(out) || existsSync(`${out}.arch.json`) ? 'wrote a file' : '',
      ].filter(Boolean);
      await ctx.writeCase(
        c.name,
        { ...base, spec: {}, refused: line, refusal_ok: problems.length === 0, problems, arrays: manifestArrays, files: {} },
        arrays,
      );
      continue;
    }
    let result = first;
    let file = out;
    if (first.code === 0 && c.then) {
      file = join(dir, c.then.output);
      result = await run(dir, c.then.args, file, out);
    }
    if (result.code !== 0) {
      await ctx.writeCase(
        c.name,
        { ...base, spec: {}, cli_error: `exit ${result.code}: ${result.stderr.join(' / ')}`, arrays: manifestArrays, files: {} },
        arrays,
      );
      continue;
    }
    const to = c.then ? 'linen' : c.to;
    const checkpoint = `${c.name}.out.${file.endsWith('.eqx') ? 'eqx' : 'msgpack'}`;
    const files: Record<string, Uint8Array> = { ...arrays, [checkpoint]: bytes(file) };
    const manifestFiles: Record<string, string> = { checkpoint };
    if (c.then) {
      files[`${c.name}.source.msgpack`] = bytes(join(dir, c.then.exact_as));
      manifestFiles.exact_as = `${c.name}.source.msgpack`;
    }
    const spec = JSON.parse(readFileSync(`${file}.arch.json`, 'utf8')) as Record<string, unknown>;
    await ctx.writeCase(c.name, { ...base, framework: to, spec, arrays: manifestArrays, files: manifestFiles }, files);
  }
}
