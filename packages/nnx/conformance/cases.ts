/**
 * Live conformance cases for `pnpm conformance`: for every golden NNX fixture, build the model
 * from its spec with our `Rngs` (seed per case), run our forward pass (cells step by step), and
 * write the state with our msgpack writer. Python then restores it with
 * `nnx.replace_by_pure_dict` into `build_nnx(spec)`, runs Flax, and compares.
 */
import { concat, sliceAxis } from '@interop/core';
import type { Tensor } from '@interop/core';
import { writeNpy } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import { writeState } from '../src/files.js';
import type { AnyModule } from '../src/module.js';
import type { GRUCell } from '../src/modules/gru-cell.js';
import type { LSTMCell } from '../src/modules/lstm-cell.js';
import { moduleFromSpec } from '../src/spec.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

const stack = (ts: Tensor[]) => concat(ts.map((t) => t.reshape([1, ...t.shape])), 0);
const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

function run(model: AnyModule, kind: string, a: Record<string, Tensor>): Record<string, Tensor> {
  const x = a.input!;
  if (kind === 'lstm') {
    let carry: [Tensor, Tensor] = [a.carry0_c!, a.carry0_h!];
    const cs: Tensor[] = [];
    const hs: Tensor[] = [];
    for (let t = 0; t < x.shape[0]!; t++) {
      [carry] = (model as LSTMCell).call(carry, step(x, t));
      cs.push(carry[0]);
      hs.push(carry[1]);
    }
    return { carry0_c: a.carry0_c!, carry0_h: a.carry0_h!, carry_c: stack(cs), carry_h: stack(hs), output: stack(hs) };
  }
  if (kind === 'gru') {
    let h = a.carry0_h!;
    const hs: Tensor[] = [];
    for (let t = 0; t < x.shape[0]!; t++) {
      [h] = (model as GRUCell).call(h, step(x, t));
      hs.push(h);
    }
    return { carry0_h: a.carry0_h!, carry_h: stack(hs), output: stack(hs) };
  }
  return { output: model.call(x) as Tensor };
}

/** Writes one case per `layers_nnx` fixture, with our init, forward and state file. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  let seed = 100;
  for (const name of listFixtures('layers_nnx')) {
    const fixture = loadFixture('layers_nnx', name);
    const m = fixture.manifest as Record<string, unknown>;
    const kind = (m.kind as string | undefined) ?? 'forward';
    const model = moduleFromSpec(m.spec as never, { seed: seed++ });
    const out = run(model, kind, fixture.arrays as Record<string, Tensor>);
    const arrays: Record<string, string> = { input: `${name}.input.npy` };
    const files: Record<string, Uint8Array> = { [`${name}.input.npy`]: writeNpy(fixture.arrays.input!), [`${name}.msgpack`]: writeState(model) };
    for (const [k, t] of Object.entries(out)) {
      arrays[k] = `${name}.${k}.npy`;
      files[`${name}.${k}.npy`] = writeNpy(t as never);
    }
    await ctx.writeCase(
      name,
      { framework: 'nnx', layer: m.layer, spec: m.spec, kind, call: m.call, tolerance: m.tolerance, arrays, files: { checkpoint: `${name}.msgpack` } } as never,
      files,
    );
  }
}
