import { defaultInterop } from '../../default-interop.js';
import { runDemo } from '../../demo/run-demo.js';
import type { CliIO } from '../io.js';

/**
 * `interop demo`: the BrainState interop notebook's walkthrough, run end to end. Exit 1 when
 * any of its output checks fails.
 */
export async function demoCommand(io: CliIO, json = false): Promise<number> {
  const lines: string[] = [];
  const result = runDemo(defaultInterop(), json ? (l) => lines.push(l) : io.out);
  const ok = Object.values(result.checks).every(Boolean);
  if (json) io.out(JSON.stringify({ ok, checks: result.checks, convShape: result.convShape, lines }));
  return ok ? 0 : 1;
}
