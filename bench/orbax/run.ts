// Orbax benchmark (issue #18): a 1 GiB NNX checkpoint (64 nnx.Linear 2048x2048 float32, saved by
// `ocp.StandardCheckpointer().save(dir, nnx.state(model))` on demand, not committed: OCDBT, zarr v2,
// zstd level 1, one 16 MiB chunk per kernel) converted to Equinox's .eqx, side by side: `dd` of
// its data file, the Python route (StandardCheckpointer restore, numpy transposes,
// eqx.tree_serialise_leaves), `interop convert DIR --from nnx --to equinox` as a user runs it (the
// CLI bundled by esbuild, process start included), the formats-level streaming conversion (lazy
// Orbax tensors, kernels transposed per block, chunks decoded one at a time) and the eager path
// (loadTree). Each runs in
// its own process after `sync` (peak RSS is the child's ru_maxrss), best of INTEROP_BENCH_REPS (3)
// interleaved runs; every .eqx is checked byte-identical to Python's. Writes the "## Orbax
// benchmark" section of docs/performance.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../formats/doc-section.js';
import { bundleChild } from '../lib/bundle-child.js';
import { type Row, runRows } from '../lib/measure.js';
import { data, python, root, sourceCli } from '../lib/paths.js';
import { machineLine, table } from '../lib/table.js';
import { bundleCli } from '../streaming/cli-bundle.js';

const routePy = `${root}bench/orbax/py_route.py`;

/** Every file under `dir` with its size. */
function files(dir: string): Array<[string, number]> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const p = join(e.parentPath, e.name);
      return [p, statSync(p).size] as [string, number];
    });
}

// Note: the lazy reader decodes chunks with Node's own zstd where it has one (22.15+), fzstd elsewhere.
const zstdDecoder = 'zstdDecompressSync' in (await import('node:zlib')) ? "Node's zstd" : 'fzstd';

export async function main(): Promise<void> {
  mkdirSync(data, { recursive: true });
  const reps = Number(process.env['INTEROP_BENCH_REPS'] ?? 3);
  const layers = 64;
  const dir = `${data}/orbax-nnx-${layers}x2048`;
  if (!existsSync(dir)) {
    console.error(`bench orbax: generating ${dir} with flax and orbax`);
    const g = spawnSync(python, [routePy, 'generate', dir, String(layers), '2048'], {
      stdio: 'inherit',
      env: { ...process.env, JAX_PLATFORMS: 'cpu' },
    });
    if (g.status !== 0) throw new Error('generating the checkpoint failed');
  }
  const tsChild = await bundleChild('orbax');
  let cli = sourceCli;
  try {
    cli = await bundleCli(root, `${data}/orbax-cli`);
  } catch (e) {
    console.error(`bench orbax: running the CLI through tsx (${(e as Error).message})`);
  }
  const all = files(dir);
  const onDisk = all.reduce((s, [, n]) => s + n, 0);
  const bytes = layers * (2048 * 2048 + 2048) * 4;
  const [biggest, biggestBytes] = all.reduce((a, b) => (b[1] > a[1] ? b : a));
  const out = (name: string): string => `${data}/orbax-${name}`;
  const rows: Row[] = [
    {
      name: '`dd bs=16M conv=fsync` of the data file',
      cmd: ['dd', `if=${biggest}`, `of=${out('dd')}`, 'bs=16M', 'conv=fsync', 'status=none'],
      out: out('dd'),
      note: `copy of the ${(biggestBytes / 2 ** 20).toFixed(0)} MiB OCDBT data file, flushed to disk`,
    },
    {
      name: 'Python: StandardCheckpointer restore, numpy transposes, tree_serialise_leaves',
      cmd: [python, routePy, 'eqx', dir, out('python.eqx'), String(layers)],
      out: out('python.eqx'),
      note: 'tensorstore decodes zstd in C++ on several threads; imports take much of the start; no flush',
    },
    {
      name: '`interop convert DIR --from nnx --to equinox` (CLI)',
      cmd: [...cli, 'convert', dir, '--from', 'nnx', '--to', 'equinox', '--out', out('cli.eqx')],
      out: out('cli.eqx'),
      note: `the CLI as a user runs it (bundled, process start included): the Orbax directory opened lazily, the architecture inferred, streamed (${zstdDecoder}), atomic write, fsync`,
    },
    {
      name: 'interop streaming (lazyTree → saveEqxLeaves)',
      cmd: [...tsChild, 'stream-eqx', dir, out('stream.eqx')],
      out: out('stream.eqx'),
      note: `lazy Orbax tensors: one chunk decoded at a time (${zstdDecoder}), kernels transposed per 16 MiB block, atomic write, fsync`,
    },
    {
      name: 'interop streaming to Flax msgpack (lazyTree → saveFlaxMsgpack)',
      cmd: [...tsChild, 'stream-msgpack', dir, out('stream.msgpack')],
      out: out('stream.msgpack'),
      note: 'same tree, no transposes',
    },
    {
      name: 'interop eager (loadTree → saveEqxLeaves)',
      cmd: [...tsChild, 'memory-eqx', dir, out('memory.eqx')],
      out: out('memory.eqx'),
      note: 'every array decoded into memory first',
    },
  ];
  runRows(rows, reps, { JAX_PLATFORMS: 'cpu' });
  for (const n of ['cli.eqx', 'stream.eqx', 'memory.eqx']) {
    if (spawnSync('cmp', ['-s', out('python.eqx'), out(n)]).status !== 0) throw new Error(`${n} differs from what Python wrote`);
  }
  for (const r of rows) rmSync(r.out, { force: true });
  rmSync(`${out('cli.eqx')}.arch.json`, { force: true });
  const dd = rows[0]!.best!.wall;
  const py = rows[1]!.best!.wall;
  const body = [
    `Checkpoint: ${(bytes / 2 ** 30).toFixed(2)} GiB of float32 (${(onDisk / 2 ** 20).toFixed(0)} MiB on disk) in an Orbax directory of an NNX model, ${layers} \`nnx.Linear(2048, 2048)\` float32`,
    '(`layers/<i>/{kernel, bias}/value`), saved by `ocp.StandardCheckpointer().save(dir, nnx.state(model))` with Orbax 0.12.8',
    "defaults (OCDBT, zarr v2, zstd level 1, one chunk per array), converted to Equinox's `.eqx` leaf stream",
    `(\`[weight = kernel.T, bias]\` per layer). Each route runs in its own process after \`sync\`, page cache warm; best wall`,
    `time of ${reps} interleaved runs; TypeScript children bundled by esbuild. Peak RSS is the child's \`ru_maxrss\`. Every`,
    '`.eqx` written is byte-identical to what Python wrote.',
    '',
    ...table(rows, bytes, dd, py, 'GB/s decoded (wall)'),
    '',
    machineLine(),
    'Reproduce with `node --conditions=@interop/source --import tsx bench/orbax/run.ts` (or `pnpm bench`); the checkpoint stays in bench/.data/.',
  ].join('\n');
  writeSection(`${root}docs/performance.md`, 'Orbax benchmark', body);
  console.log(body);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
