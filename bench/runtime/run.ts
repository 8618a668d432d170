// Runtime benchmark (issue #4): each backend side by side on three shapes, the plain triple
// loop as baseline, JAX on the CPU for scale. Writes the "## Runtime" section of
// docs/performance.md. Timings are medians after one warm-up call (which compiles gpu.js kernels).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BACKEND_NAMES, lastRun, runIR } from '../../packages/runtime/src/index.js';
import { CASES, tripleLoop } from './cases.js';
import { writeSection } from './section.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function median(fn: () => void, reps: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
}

function jaxTimes(): Record<string, number | string> | undefined {
  const py = `${ROOT}tooling/conformance/.venv/bin/python`;
  if (!existsSync(py)) return undefined;
  try {
    const out = execFileSync(py, [`${ROOT}bench/runtime/jax-bench.py`], {
      encoding: 'utf8',
      env: { ...process.env, JAX_PLATFORMS: 'cpu', TF_CPP_MIN_LOG_LEVEL: '2' },
    });
    return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number | string>;
  } catch {
    return undefined;
  }
}

/** Runs the benchmark and returns the markdown section body. */
export function runRuntimeBench(): string {
  const rows: string[][] = [];
  const rate = (work: number, ms: number) => (work / (ms * 1e-3) / 1e9).toFixed(2);
  const base = CASES[0]!;
  const a = base.input.data as Float32Array;
  const b = (base.ir.tensors as { kernel: { data: Float32Array } }).kernel.data;
  const baseMs = median(() => tripleLoop(a, b, 512), 3);
  rows.push(['plain TS triple loop (i-j-k, Float32Array)', 'baseline', `${rate(base.work, baseMs)} (${baseMs.toFixed(1)} ms)`, '–', '–']);
  const best: Record<string, number> = {};
  for (const backend of BACKEND_NAMES) {
    const cells = CASES.map((c) => {
      const ms = median(() => runIR(c.ir, c.input, { backend }), backend === 'reference' || backend === 'gpu.js-cpu' ? 3 : 5);
      best[c.name] = Math.min(best[c.name] ?? Infinity, ms);
      return `${rate(c.work, ms)} (${ms.toFixed(1)} ms)`;
    });
    rows.push([backend, lastRun()?.engines.join(', ') ?? '?', ...cells]);
    console.error(`${backend}: ${cells.join(' | ')}`);
  }
  const jax = jaxTimes();
  if (jax) {
    rows.push([
      `JAX ${jax.jax} (XLA, ${jax.device})`,
      'XLA CPU',
      ...CASES.map((c, i) => {
        const ms = jax[['dense', 'conv', 'layerNorm'][i]!] as number;
        return `${rate(c.work, ms)} (${ms.toFixed(1)} ms)`;
      }),
    ]);
  }
  const denseBest = best[base.name]!;
  const cpu = cpus();
  const lines = [
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
    'Medians after one warm-up call (the warm-up compiles gpu.js kernels); times include input decoding and copying results out.',
    'Dense and conv in GFLOP/s (2·MACs), layer norm in GB/s (bytes read + written once). Regenerate with `pnpm bench`.',
    '',
    `| backend | engine | ${CASES.map((c) => `${c.name} (${c.unit})`).join(' | ')} |`,
    `| --- | --- | ${CASES.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Best Node backend on dense: ${(baseMs / denseBest).toFixed(1)}× the plain triple loop.`,
  ];
  return lines.join('\n');
}

/** Runs the benchmark and writes docs/performance.md "## Runtime". */
export function main(): void {
  writeSection(`${ROOT}docs/performance.md`, 'Runtime', runRuntimeBench());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
