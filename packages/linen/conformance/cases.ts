/**
 * Live conformance cases for `pnpm conformance`: for every forward-kind golden Linen fixture,
 * build the module from its spec, `init` it with our PRNG, run our forward pass, and write our
 * variables with our msgpack writer. Python then restores them with
 * `flax.serialization.from_bytes(module.init(...), data)`, runs Flax, and compares.
 */
import { writeNpy } from '@interop/formats';
import { key } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import type { AnyModule } from '../src/module.js';
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
        framework: 'linen', layer: m.layer, spec: m.spec, kind: m.kind, call: m.call, tolerance: m.tolerance,
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
}
