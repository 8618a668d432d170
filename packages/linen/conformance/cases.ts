/**
 * Live conformance cases for `pnpm conformance`: for every forward-kind golden Linen fixture,
 * build the module from its spec, `init` it with our PRNG, run our forward pass, and write our
 * variables with our msgpack writer. Python then restores them with
 * `flax.serialization.from_bytes(module.init(...), data)`, runs Flax, and compares. Module trees
 * (`kind: 'tree'`, the trees_linen fixtures of the live models) are loaded by `live/trees.py
 * check` into the user-written Linen class of their `arch` (`live/tree_models.py`).
 */
import { writeNpy } from '@interop/formats';
import { key } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import type { AnyModule } from '../src/module.js';
import type { ModuleTree } from '../src/modules/module-tree.js';
import { moduleFromSpec } from '../src/spec.js';
import { writeVariables } from '../src/variables.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

/** Writes one case per forward/embed fixture of `layers_linen`. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  let seed = 0;
  for (const name of listFixtures('layers_linen')) {
    const fixture = loadFixture('layers_linen', name);
    const m = fixture.manifest as Record<string, unknown>;
    if (m.kind !== 'forward' && m.kind !== 'embed') continue;
    const module = moduleFromSpec(m.spec as never) as AnyModule;
    const input = fixture.arrays.input!;
    const variables = module.init(key(seed++), input);
    const output = module.apply(variables, input);
    await ctx.writeCase(
      name,
      {
        framework: 'linen',
        layer: m.layer,
        spec: m.spec,
        kind: m.kind,
        call: m.call,
        tolerance: m.tolerance,
        arrays: { input: `${name}.input.npy`, output: `${name}.output.npy` },
        files: { checkpoint: `${name}.msgpack` },
      } as never,
      {
        [`${name}.input.npy`]: writeNpy(input),
        [`${name}.output.npy`]: writeNpy(output as never),
        [`${name}.msgpack`]: writeVariables(variables),
      },
    );
  }
  for (const name of listFixtures('trees_linen')) {
    const fixture = loadFixture('trees_linen', name);
    const m = fixture.manifest as Record<string, unknown>;
    if (typeof m.arch !== 'string') continue;
    const tree = moduleFromSpec(m.spec as never) as ModuleTree;
    const input = fixture.arrays.input!;
    const variables = tree.init(key(seed++), input);
    await ctx.writeCase(
      `tree_${name}`,
      {
        framework: 'linen',
        layer: 'Module',
        spec: m.spec,
        kind: 'tree',
        arch: m.arch,
        tolerance: m.tolerance,
        arrays: { input: `tree_${name}.input.npy`, output: `tree_${name}.output.npy` },
        files: { checkpoint: `tree_${name}.msgpack` },
      } as never,
      {
        [`tree_${name}.input.npy`]: writeNpy(input),
        [`tree_${name}.output.npy`]: writeNpy(tree.apply(variables, input)),
        [`tree_${name}.msgpack`]: writeVariables(variables),
      },
    );
  }
}
