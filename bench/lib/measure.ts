// One route timed in its own process by py_ops.py's `measure`, and a set of routes run interleaved.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { measurePy, python, root } from './paths.js';

/** One measured run: wall time with process start, the child's own time, its peak RSS. */
export interface Run {
  wall: number;
  inProcess: number;
  rssMb: number;
}

/** A route of a benchmark table. */
export interface Row {
  name: string;
  cmd: string[];
  out: string;
  env?: Record<string, string>;
  note: string;
  /** Run in the first round only (a slow baseline far from the targets). */
  once?: boolean;
  /** The input, read once before the run so that every route starts from a warm page cache. */
  input?: string;
  best?: Run;
}

/** Runs `cmd` after `sync` under py_ops.py's `measure`; the in-process time is the child's `{"seconds"}` line. */
export function measure(cmd: string[], env: Record<string, string> = {}): Run {
  spawnSync('sync');
  const r = spawnSync(python, [measurePy, 'measure', ...cmd], {
    encoding: 'utf8',
    cwd: root,
    maxBuffer: 1 << 24,
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as { wall_s: number; max_rss_kb: number; stdout: string[] };
  const last = m.stdout[0];
  const inner = last?.startsWith('{') ? (JSON.parse(last) as { seconds?: number }) : {};
  return { wall: m.wall_s, inProcess: inner.seconds ?? m.wall_s, rssMb: m.max_rss_kb / 1024 };
}

/** Runs every row `reps` times, interleaved, keeping each row's best wall time; `env` goes to every row. */
export function runRows(rows: Row[], reps: number, env: Record<string, string> = {}): void {
  for (let i = 0; i < reps; i++) {
    for (const row of rows) {
      if (row.once && i > 0) continue;
      if (row.input) spawnSync('dd', [`if=${row.input}`, 'of=/dev/null', 'bs=16M', 'status=none']);
      rmSync(row.out, { force: true });
      rmSync(`${row.out}.arch.json`, { force: true });
      const m = measure(row.cmd, { ...env, ...row.env });
      if (!row.best || m.wall < row.best.wall) row.best = m;
      console.error(`  ${row.name}: ${m.wall.toFixed(2)} s wall, ${m.inProcess.toFixed(2)} s in process, ${m.rssMb.toFixed(0)} MB`);
    }
  }
}
