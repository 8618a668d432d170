// Streaming benchmark (issue #17): a 512 MiB Linen checkpoint (32 Dense 2048×2048 float32 layers,
// generated on demand by flax, not committed) converted to Equinox's .eqx, side by side in one run:
// `dd` of the file, the plain Python route (msgpack_restore, numpy transposes,
// eqx.tree_serialise_leaves), the in-memory TypeScript path the CLI used so far, and the
// formats-level streaming conversion (lazy read, transpose per block, streaming write). Each runs
// in its own process (wall time includes process start; peak RSS is the child's ru_maxrss), after
// `sync`, best of INTEROP_BENCH_REPS (3) interleaved runs. Also msgpack → msgpack, msgpack →
// safetensors and safetensors → .eqx, the transforms before/after, and with INTEROP_BENCH_LARGE=1
// a sparse 6 GiB checkpoint. Writes the "## Streaming" section of docs/performance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../formats/doc-section.js';
import { bundleChild } from '../lib/bundle-child.js';
import { type Row, runRows } from '../lib/measure.js';
import { data, python, root, sourceCli } from '../lib/paths.js';
import { machineLine, table } from '../lib/table.js';
import { bundleCli, bundleCliAt } from './cli-bundle.js';
import { transformRows } from './transforms.js';

const routePy = `${root}bench/streaming/py_route.py`;
let tsChild = ['node', '--conditions=@interop/source', '--import', 'tsx', `${root}bench/streaming/child.ts`];
/** The `interop` CLI now, and as it was before it streamed (BEFORE_CLI), each bundled as a user runs it. */
let cli: string[] = sourceCli;
let cliBefore: string[] | undefined;
// The last commit whose CLI read whole files (the parent of the files contract commit).
const BEFORE_CLI = process.env['INTEROP_BENCH_CLI_BEFORE'] ?? '7b10bfb~1';

function same(a: string, b: string): boolean {
  return spawnSync('cmp', ['-s', a, b]).status === 0;
}

function largeSection(reps: number): string[] {
  const file = `${data}/sparse-6g.msgpack`;
  const out = `${data}/sparse-6g.eqx`;
  // A 393 216 × 1024 float32 embedding (1.5 GiB, which Flax stores in two chunks) and 72 Dense
  // 4096×4096 layers (64 MiB kernels, transposed in 16 MiB blocks): 6 GiB of zeros.
  if (!existsSync(file)) {
    const g = spawnSync(tsChild[0]!, [...tsChild.slice(1), 'sparse', file, '72', '4096', '393216'], { stdio: 'inherit', cwd: root });
    if (g.status !== 0) throw new Error('generating the sparse checkpoint failed');
  }
  const bytes = statSync(file).size;
  const rows: Row[] = [
    {
      name: '`dd bs=16M conv=fsync`',
      cmd: ['dd', `if=${file}`, `of=${out}`, 'bs=16M', 'conv=fsync', 'status=none'],
      out,
      note: 'copy with a flush to disk',
    },
    {
      name: 'interop streaming msgpack → .eqx',
      cmd: [...tsChild, 'stream-eqx', file, out],
      out,
      note: 'lazy read, transposes per 16 MiB block, atomic write, fsync',
    },
    {
      name: '`interop convert --from linen --to equinox` (CLI)',
      cmd: [...cli, 'convert', file, '--from', 'linen', '--to', 'equinox', '--out', out],
      out,
      note: 'the CLI as a user runs it: inferred Embed + 72 Dense tree, streamed, atomic write, fsync',
    },
  ];
  runRows(rows, Math.min(reps, 2));
  rmSync(out, { force: true });
  rmSync(`${out}.arch.json`, { force: true });
  return [
    '',
    `Large checkpoint: ${(bytes / 2 ** 30).toFixed(2)} GiB sparse Linen msgpack (zeros): a 1.5 GiB embedding that Flax chunks,`,
    'and 72 Dense 4096×4096 float32 layers whose 64 MiB kernels are transposed in 16 MiB blocks.',
    '',
    ...table(rows, bytes, rows[0]!.best!.wall, undefined),
  ];
}

interface CliInputs {
  nnx: string;
  safetensors: string;
  eqx: string;
  brainstate: string;
}

/**
 * Inputs of the CLI rows, made once by the CLI itself from the Linen checkpoint (not timed), each
 * with its `.arch.json`, which the reading rows use as their spec.
 */
function cliInputs(file: string, out: (name: string) => string): CliInputs {
  const nnx = out('cli-input-nnx.msgpack');
  const safetensors = out('cli-input-linen.safetensors');
  const eqx = out('cli-input-equinox.eqx');
  const brainstate = out('cli-input-brainstate.msgpack');
  for (const [path, args] of [
    [nnx, ['--to', 'nnx']],
    [safetensors, ['--to', 'linen', '--out-format', 'safetensors']],
    [eqx, ['--to', 'equinox']],
    [brainstate, ['--to', 'brainstate']],
  ] as const) {
    if (existsSync(path) && existsSync(`${path}.arch.json`)) continue;
    const r = spawnSync(cli[0]!, [...cli.slice(1), 'convert', file, '--from', 'linen', ...args, '--out', path], {
      stdio: 'inherit',
      cwd: root,
    });
    if (r.status !== 0) throw new Error(`making ${path} with the CLI failed`);
  }
  return { nnx, safetensors, eqx, brainstate };
}

/** The CLI rows: before (whole files in memory) and now, for each conversion the issue names. */
function cliRows(rows: Array<{ name: string; input: string; args: string[]; out: string }>): Row[] {
  return rows.flatMap(({ name, input, args, out }) => [
    ...(cliBefore
      ? [
          {
            name: `${name}, CLI before (${BEFORE_CLI})`,
            cmd: [...cliBefore, 'convert', input, ...args, '--out', `${out}.before`],
            out: `${out}.before`,
            input,
            once: true,
            note: 'whole file read, eager tensors, one whole buffer written (one run)',
          },
        ]
      : []),
    {
      name: `${name}, CLI now`,
      cmd: [...cli, 'convert', input, ...args, '--out', out],
      out,
      input,
      note: 'lazy input through positional reads, streamed output, atomic write, fsync',
    },
  ]);
}

export async function main(): Promise<void> {
  mkdirSync(data, { recursive: true });
  tsChild = await bundleChild('streaming', { splitting: true });
  try {
    cli = await bundleCli(root, data);
    cliBefore = process.env['INTEROP_BENCH_CLI_BEFORE'] === '' ? undefined : await bundleCliAt(root, data, BEFORE_CLI);
  } catch (e) {
    console.error(`bench streaming: running the CLI through tsx (${(e as Error).message})`);
  }
  const reps = Number(process.env['INTEROP_BENCH_REPS'] ?? 3);
  const file = `${data}/linen-32x2048.msgpack`;
  const out = (name: string): string => `${data}/streaming-${name}`;
  if (!existsSync(file)) {
    console.error(`bench streaming: generating ${file} with flax`);
    const g = spawnSync(python, [routePy, 'generate', file, '32', '2048'], {
      stdio: 'inherit',
      env: { ...process.env, JAX_PLATFORMS: 'cpu' },
    });
    if (g.status !== 0) throw new Error('generating the checkpoint failed');
  }
  const safetensors = out('input.safetensors');
  if (!existsSync(safetensors))
    spawnSync(tsChild[0]!, [...tsChild.slice(1), 'stream-safetensors', file, safetensors], { stdio: 'inherit' });
  const bytes = statSync(file).size;
  const inputs = cliInputs(file, out);
  const eqxRows: Row[] = [
    {
      name: '`dd bs=16M`',
      cmd: ['dd', `if=${file}`, `of=${out('dd')}`, 'bs=16M', 'status=none'],
      out: out('dd'),
      note: 'copy into the page cache, no flush',
    },
    {
      name: '`dd bs=16M conv=fsync`',
      cmd: ['dd', `if=${file}`, `of=${out('dd')}`, 'bs=16M', 'conv=fsync', 'status=none'],
      out: out('dd'),
      note: 'copy, flushed to disk',
    },
    {
      name: 'Python: msgpack_restore, numpy transposes, tree_serialise_leaves',
      cmd: [python, routePy, 'eqx', file, out('python.eqx'), '32'],
      out: out('python.eqx'),
      env: { JAX_PLATFORMS: 'cpu' },
      note: 'imports take most of the start; no flush',
    },
    {
      name: 'interop in memory (the CLI path so far)',
      cmd: [...tsChild, 'memory-eqx', file, out('memory.eqx')],
      out: out('memory.eqx'),
      note: 'readFile, readFlaxMsgpack, element-by-element transpose, writeEqxLeaves, atomic write, fsync',
    },
    {
      name: 'interop streaming',
      cmd: [...tsChild, 'stream-eqx', file, out('stream.eqx')],
      out: out('stream.eqx'),
      note: 'lazy read, blocked transposes per tensor, streaming atomic write, fsync',
    },
    {
      name: 'interop streaming through the registry',
      cmd: [...tsChild, 'engine-eqx', file, out('engine.eqx')],
      out: out('engine.eqx'),
      note: 'Linen variables of lazy tensors → interop.convert → Equinox model → saveEqxLeaves (what the CLI will do)',
    },
    {
      name: 'interop streaming, no fsync',
      cmd: [...tsChild, 'stream-eqx', file, out('stream-nofsync.eqx')],
      out: out('stream-nofsync.eqx'),
      env: { BENCH_FSYNC: '0' },
      note: 'as above, without the flush (as dd and Python)',
    },
    ...cliRows([
      { name: '`interop convert` Linen → Equinox', input: file, args: ['--from', 'linen', '--to', 'equinox'], out: out('cli.eqx') },
    ]),
  ];
  const otherRows: Row[] = [
    {
      name: 'msgpack → msgpack (Linen → NNX-style tree)',
      cmd: [...tsChild, 'stream-msgpack', file, out('nnx.msgpack')],
      out: out('nnx.msgpack'),
      note: 'no transposes; every array streamed',
    },
    {
      name: 'msgpack → safetensors',
      cmd: [...tsChild, 'stream-safetensors', file, out('copy.safetensors')],
      out: out('copy.safetensors'),
      note: 'header first, then data',
    },
    {
      name: 'safetensors → .eqx',
      cmd: [...tsChild, 'safetensors-eqx', safetensors, out('st.eqx')],
      out: out('st.eqx'),
      input: safetensors,
      note: 'transposed kernels',
    },
    ...cliRows([
      {
        name: '`interop convert` NNX → Linen (msgpack → msgpack)',
        input: inputs.nnx,
        args: ['--from', 'nnx', '--to', 'linen'],
        out: out('cli-linen.msgpack'),
      },
      {
        name: '`interop convert` Linen safetensors → Equinox .eqx',
        input: inputs.safetensors,
        args: ['--from', 'linen', '--to', 'equinox'],
        out: out('cli-st.eqx'),
      },
      {
        name: '`interop convert` Equinox .eqx → Linen msgpack (with its `.arch.json`)',
        input: inputs.eqx,
        args: ['--from', 'equinox', '--to', 'linen'],
        out: out('cli-eqx-linen.msgpack'),
      },
      {
        name: '`interop convert` BrainState msgpack → Linen msgpack (with its `.arch.json`)',
        input: inputs.brainstate,
        args: ['--from', 'brainstate', '--to', 'linen'],
        out: out('cli-bst-linen.msgpack'),
      },
    ]),
  ];
  console.error('bench streaming: msgpack → .eqx');
  runRows(eqxRows, reps);
  const pythonRow = eqxRows[2]!;
  const eqxOuts = eqxRows.filter((r) => r.out.endsWith('.eqx') || r.out.endsWith('.eqx.before')).map((r) => r.out);
  const differ = eqxOuts.filter((o) => !same(pythonRow.out, o));
  if (differ.length > 0) throw new Error(`${differ.join(', ')} differ from what Python wrote`);
  console.error('bench streaming: other conversions');
  runRows(otherRows, reps);
  for (const o of [otherRows[2]!.out, out('cli-st.eqx')])
    if (!same(o, pythonRow.out)) throw new Error(`${o} differs from what Python wrote`);
  // Back to Linen, each output is the Linen tree its input was made from, written as Flax writes it.
  for (const name of ['cli-linen.msgpack', 'cli-eqx-linen.msgpack', 'cli-bst-linen.msgpack']) {
    if (!same(out(name), file)) throw new Error(`${name} through the CLI did not give back the Linen checkpoint`);
    if (cliBefore && !same(`${out(name)}.before`, file)) throw new Error(`the CLI before wrote another Linen file for ${name}`);
  }
  const ddWall = eqxRows[1]!.best!.wall;
  const large = process.env['INTEROP_BENCH_LARGE'] === '1' ? largeSection(reps) : [];
  for (const r of [...eqxRows, ...otherRows]) {
    rmSync(r.out, { force: true });
    rmSync(`${r.out}.arch.json`, { force: true });
  }

  const body = [
    `Checkpoint: ${(bytes / 2 ** 20).toFixed(0)} MiB Linen msgpack, 32 Dense 2048×2048 float32 layers (\`params/Dense_<i>/{kernel, bias}\`),`,
    "written by `flax.serialization.to_bytes` and converted to Equinox's `.eqx` leaf stream (`[weight = kernel.T, bias]` per layer).",
    `Each route runs in its own process after \`sync\`, page cache warm; best wall time of ${reps} interleaved runs. The TypeScript`,
    'routes run bundled by esbuild (as built packages start, without compiling TypeScript at each start). Peak RSS is the',
    "child's `ru_maxrss` (Node alone takes about 40-50 MB). × columns compare wall times with `dd ... conv=fsync` and",
    'with the Python route. Every `.eqx` written is byte-identical to what Python wrote. The `interop convert` rows run the',
    'CLI as a user runs it (`node bin.js convert IN --from F --to G --out OUT`, the CLI entry bundled by esbuild, process',
    'start, plugin loading, architecture inference and `OUT.arch.json` included): "before" is the CLI of the commit before it',
    "streamed, built from that commit's sources in the same run.",
    '',
    ...table(eqxRows, bytes, ddWall, pythonRow.best!.wall),
    '',
    'Other streaming conversions of the same checkpoint (formats level, lazy reads, atomic write with fsync):',
    '',
    ...table(otherRows, bytes, ddWall, undefined),
    ...large,
    '',
    'Layout transforms before and after (best of 7, in process; "lazy" reads a lazy tensor\'s transformed bytes into a reused',
    'block, as the streaming writers do):',
    '',
    '| transform | before (element by element) | now, eager (new array) | now, lazy (into a block) | speed-up (eager) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...transformRows(),
    '',
    machineLine(),
    'Reproduce with `pnpm bench` (the checkpoints stay in bench/.data/; INTEROP_BENCH_LARGE=1 adds the 6 GiB case).',
  ].join('\n');
  writeSection(`${root}docs/performance.md`, 'Streaming benchmark', body);
  console.log(body);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
