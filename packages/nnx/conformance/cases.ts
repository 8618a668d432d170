/**
 * Live conformance cases for `pnpm conformance`: for every golden NNX fixture, build the model
 * from its spec with our `Rngs` (seed per case), run our forward pass (cells step by step), and
 * write the state with our msgpack writer. Python then restores it with
 * `nnx.replace_by_pure_dict` into `build_nnx(spec)`, runs Flax, and compares.
 *
 * Module trees (one per `trees_nnx` fixture): our init, every state leaf then redrawn from a
 * seeded normal (variances positive), our forward in eval mode, and the state in one of the three
 * key forms. The live models (`live_<arch>`, `kind: 'tree'`) are loaded by `live/trees.py check`
 * into their user-written classes (`live/tree_models.py`); the fixture group's own models
 * (`kind: 'nnx-tree'`) by `python tooling/conformance/generators/trees_nnx.py check DIR`.
 */
import { Tensor, concat, sliceAxis } from '@interop/core';
import { writeNpy } from '@interop/formats';
import { foldIn, key, normal, uniform } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { writeState } from '../src/files.js';
import { flatState, state } from '../src/graph.js';
import type { AnyModule } from '../src/module.js';
import type { StateKeys } from '../src/state-keys.js';
import type { GRUCell } from '../src/modules/gru-cell.js';
import type { LSTMCell } from '../src/modules/lstm-cell.js';
import { moduleFromSpec } from '../src/spec.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

const stack = (ts: Tensor[]) =>
  concat(
    ts.map((t) => t.reshape([1, ...t.shape])),
    0,
  );
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

const TREE_KEYS: Record<string, StateKeys> = { autoencoder: 'int', cnn: 'int', deep_mlp: 'str-sorted', resnet: 'str', wide_list: 'int' };

// Every leaf redrawn (so a dropped or swapped array shows): normal(0, 0.5), variances in [0.5, 1.5).
function randomize(model: AnyModule, seed: number): void {
  flatState(state(model)).forEach(([path, v], i) => {
    const variable = v as { value: Tensor };
    const k = foldIn(key(seed), i);
    const shape = [...variable.value.shape];
    const drawn = path[path.length - 1] === 'var' ? uniform(k, shape, 'float32', 0.5, 1.5) : normal(k, shape, 'float32');
    const f = drawn.data as Float32Array;
    const m = path[path.length - 1] === 'var' ? 1 : 0.5;
    variable.value = Tensor.fromArray(
      f.map((x) => Math.fround(x * m)),
      shape,
      'float32',
    );
  });
}

async function writeTreeCases(ctx: CaseContext): Promise<void> {
  let seed = 500;
  for (const name of listFixtures('trees_nnx')) {
    const fixture = loadFixture('trees_nnx', name);
    const m = fixture.manifest as Record<string, unknown>;
    const model = moduleFromSpec(m.spec as never, { seed: seed++ });
    randomize(model, seed);
    const output = model.eval().call(fixture.arrays.input!) as Tensor;
    const keys = TREE_KEYS[name] ?? 'int';
    const kind = typeof m.arch === 'string' ? { kind: 'tree', arch: m.arch } : { kind: 'nnx-tree' };
    await ctx.writeCase(
      `tree_${name}`,
      {
        framework: 'nnx',
        layer: 'Module',
        model: name,
        keys,
        spec: m.spec,
        ...kind,
        tolerance: m.tolerance,
        arrays: { input: `tree_${name}.input.npy`, output: `tree_${name}.output.npy` },
        files: { checkpoint: `tree_${name}.msgpack` },
      } as never,
      {
        [`tree_${name}.input.npy`]: writeNpy(fixture.arrays.input!),
        [`tree_${name}.output.npy`]: writeNpy(output as never),
        [`tree_${name}.msgpack`]: writeState(model, { keys }),
      },
    );
  }
}

/** Writes one case per `layers_nnx` fixture and one per `trees_nnx` fixture, with our init, forward and state file. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  let seed = 100;
  for (const name of listFixtures('layers_nnx')) {
    const fixture = loadFixture('layers_nnx', name);
    const m = fixture.manifest as Record<string, unknown>;
    const kind = (m.kind as string | undefined) ?? 'forward';
    const model = moduleFromSpec(m.spec as never, { seed: seed++ });
    const out = run(model, kind, fixture.arrays as Record<string, Tensor>);
    const arrays: Record<string, string> = { input: `${name}.input.npy` };
    const files: Record<string, Uint8Array> = {
      [`${name}.input.npy`]: writeNpy(fixture.arrays.input!),
      [`${name}.msgpack`]: writeState(model),
    };
    for (const [k, t] of Object.entries(out)) {
      arrays[k] = `${name}.${k}.npy`;
      files[`${name}.${k}.npy`] = writeNpy(t as never);
    }
    await ctx.writeCase(
      name,
      {
        framework: 'nnx',
        layer: m.layer,
        spec: m.spec,
        kind,
        call: m.call,
        tolerance: m.tolerance,
        arrays,
        files: { checkpoint: `${name}.msgpack` },
      } as never,
      files,
    );
  }
  await writeTreeCases(ctx);
}
