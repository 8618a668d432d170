// The Markdown of a benchmark's results: the routes table and the machine line.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import type { Row } from './measure.js';

/**
 * The table of measured rows: wall and in-process seconds, throughput of `bytes`, × `dd` and
 * × Python (– without a Python wall time), peak RSS, notes.
 */
export function table(rows: Row[], bytes: number, ddWall: number, pyWall: number | undefined, throughput = 'GB/s (wall)'): string[] {
  return [
    `| route | wall s (with process start) | in-process s | ${throughput} | × dd | × Python | peak RSS (MB) | notes |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => {
      const b = r.best!;
      const py = pyWall === undefined ? '–' : (b.wall / pyWall).toFixed(2);
      return `| ${r.name} | ${b.wall.toFixed(2)} | ${b.inProcess.toFixed(2)} | ${(bytes / 1e9 / b.wall).toFixed(2)} | ${(b.wall / ddWall).toFixed(2)} | ${py} | ${b.rssMb.toFixed(0)} | ${r.note} |`;
    }),
  ];
}

/** The "Machine: …" line: cores, CPU model, Node version, load average now. */
export function machineLine(): string {
  return `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average at the end ${spawnSync('cat', ['/proc/loadavg']).stdout.toString().split(' ').slice(0, 3).join(' ')}.`;
}
