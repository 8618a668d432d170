import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORBAX_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../tooling/conformance/fixtures/orbax');

export interface OrbaxCase {
  case: string;
  layout: Record<string, unknown>;
  files: Record<string, string>;
  arrays: Record<string, string>;
  expected: Record<string, { kind: string; value: unknown }>;
  kv?: Record<string, string>;
}

/** Every manifest of the orbax group. */
export function orbaxCases(): OrbaxCase[] {
  return readdirSync(ORBAX_FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(ORBAX_FIXTURES, f), 'utf8')) as OrbaxCase);
}

/** Rebuilds a case's checkpoint directory (stored flat) under a new temporary directory. */
export function materialize(c: OrbaxCase, root = mkdtempSync(join(tmpdir(), `orbax-${c.case}-`))): string {
  for (const [rel, file] of Object.entries(c.files)) {
    const to = join(root, ...rel.split('/'));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, readFileSync(join(ORBAX_FIXTURES, file)));
  }
  return root;
}

/** The bytes of a fixture file. */
export function orbaxFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ORBAX_FIXTURES, name)));
}
