// Test-only: a trees_linen golden case as module, variables from Flax's msgpack, and its manifest.
import { loadFixture, listFixtures } from '@interop/testing';
import { moduleFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';
import { readVariables } from '../variables.js';

/** The names of the trees_linen cases. */
export const treeCases = (): string[] => listFixtures('trees_linen');

/** Loads a case: the model from its spec and its variables from the Flax checkpoint. */
export function treeGolden(name: string) {
  const fixture = loadFixture('trees_linen', name);
  const bytes = fixture.file('checkpoint');
  const manifest = fixture.manifest as typeof fixture.manifest & { spec: ModuleSpec; init_sha256: string; model: string };
  return { fixture, manifest, bytes, module: moduleFromSpec(manifest.spec), variables: readVariables(bytes) };
}
