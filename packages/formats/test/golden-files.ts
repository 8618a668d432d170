import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { FIXTURES } from './fixtures.js';

// Note: @interop/testing's loader reads through @interop/formats, so this package cannot depend
// on it (a workspace cycle); this walks the same folder, tooling/conformance/fixtures, directly.
export const FIXTURE_ROOT = join(FIXTURES, '..');

/** The checkpoint formats the streaming writers cover, by file extension. */
export type GoldenKind = 'msgpack' | 'npy' | 'npz' | 'safetensors' | 'eqx';

/** One golden checkpoint file: its group, path and format. */
export interface GoldenFile {
  group: string;
  path: string;
  kind: GoldenKind;
}

const KINDS = new Set<string>(['msgpack', 'npy', 'npz', 'safetensors', 'eqx']);

/**
 * Every checkpoint file of every fixture group (the Orbax group's directories excluded: they
 * are not single-file formats), sorted by group then name.
 */
export function goldenFiles(): GoldenFile[] {
  const out: GoldenFile[] = [];
  for (const group of readdirSync(FIXTURE_ROOT, { withFileTypes: true })) {
    if (!group.isDirectory() || group.name.startsWith('.')) continue;
    for (const name of readdirSync(join(FIXTURE_ROOT, group.name)).sort()) {
      const kind = extname(name).slice(1);
      if (KINDS.has(kind)) out.push({ group: group.name, path: join(FIXTURE_ROOT, group.name, name), kind: kind as GoldenKind });
    }
  }
  return out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.path < b.path ? -1 : 1));
}
