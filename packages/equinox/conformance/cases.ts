/**
 * Live conformance cases for `pnpm conformance`: for every golden Equinox fixture, read Python's
 * `.eqx` into the model (and State) built from the spec, change every float leaf (×1.25, so the
 * file cannot pass by holding Python's own values), run our forward pass per example and
 * vmapped, and write the model with our `treeSerialiseLeaves`. Python then restores it with
 * `eqx.tree_deserialise_leaves(f, build_equinox(spec))`, runs Equinox, and compares.
 *
 * Module trees and pools (`kind: 'equinox-tree'`, one per `trees_equinox` fixture): the tree built
 * from its spec with our init, every float leaf (and State value) then redrawn from a seeded
 * normal (variances positive), our forward per example and vmapped on the fixture's inputs, and
 * our `.eqx` file; `python tooling/conformance/generators/trees_equinox.py check DIR` loads each
 * file into the user's own Python class (the pools into the layer) and compares.
 */
import { concat, sliceAxis, Tensor } from '@interop/core';
import { foldIn, key, normal, uniform } from '@interop/runtime';
import { writeNpy } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import type { Module } from '../src/module.js';
import { GRUCell, LSTMCell } from '../src/modules/cells.js';
import { modelWithStateFromSpec } from '../src/spec.js';
import type { ModuleSpec } from '../src/spec.js';
import type { State } from '../src/state.js';
import { treeDeserialiseLeaves, treeLeaves, treeSerialiseLeaves, treeWithLeaves } from '../src/tree.js';
import { vmapCall } from '../src/vmap.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

const FLOATS = ['float16', 'bfloat16', 'float32', 'float64'];

function scaled<T>(tree: T): T {
  const leaves = treeLeaves(tree).map(({ leaf }) =>
    leaf instanceof Tensor && FLOATS.includes(leaf.dtype)
      ? Tensor.fromArray(
          Array.from(leaf.toFloat64(), (v) => v * 1.25),
          leaf.shape,
          leaf.dtype,
        )
      : leaf,
  );
  return treeWithLeaves(tree, leaves);
}

const at = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};
const stack = (ts: Tensor[]) =>
  concat(
    ts.map((t) => t.reshape([1, ...t.shape])),
    0,
  );

function runCell(cell: LSTMCell | GRUCell, a: Readonly<Record<string, Tensor>>, prefix: string): Record<string, Tensor> {
  const xs = a[`${prefix}input`]!;
  let h = a[`${prefix}carry0_h`]!;
  let c = a[`${prefix}carry0_c`];
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  for (let t = 0; t < xs.shape[0]!; t++) {
    const x = at(xs, t);
    if (cell instanceof LSTMCell) {
      [h, c] = prefix ? (vmapCall(cell, x, [h, c!]) as [Tensor, Tensor]) : cell.call(x, [h, c!]);
      cs.push(c);
    } else {
      h = prefix ? (vmapCall(cell, x, h) as Tensor) : cell.call(x, h);
    }
    hs.push(h);
  }
  return { [`${prefix}carry_h`]: stack(hs), [`${prefix}output`]: stack(hs), ...(cs.length ? { [`${prefix}carry_c`]: stack(cs) } : {}) };
}

// Every float leaf redrawn, so a dropped or swapped array shows: normal(0, 0.5); State variances
// (the second of a BatchNorm's (mean, var)) uniform in [0.5, 1.5).
function redrawn<T>(tree: T, seed: number): T {
  const leaves = treeLeaves(tree);
  return treeWithLeaves(
    tree,
    leaves.map(({ path, leaf }, i) => {
      if (!(leaf instanceof Tensor) || !FLOATS.includes(leaf.dtype)) return leaf;
      const k = foldIn(key(seed), i);
      const variance = path.startsWith('[1][<flat index') && path.endsWith('][1]');
      const drawn = (variance ? uniform(k, [...leaf.shape], 'float32', 0.5, 1.5) : normal(k, [...leaf.shape], 'float32'))
        .data as Float32Array;
      return Tensor.fromArray(
        drawn.map((v) => Math.fround(variance ? v : v * 0.5)),
        leaf.shape,
        leaf.dtype,
      );
    }),
  );
}

async function writeTreeCases(ctx: CaseContext): Promise<void> {
  let seed = 700;
  for (const name of listFixtures('trees_equinox')) {
    const fixture = loadFixture('trees_equinox', name);
    const m = fixture.manifest as Record<string, unknown>;
    const [skeleton, initial] = modelWithStateFromSpec(m.spec as ModuleSpec, { seed: seed++ });
    const tree = redrawn(initial ? [skeleton, initial] : skeleton, seed);
    const [model, state] = (initial ? tree : [tree, null]) as [Module, State | null];
    const a = fixture.arrays;
    const call = (model as unknown as { call(x: Tensor, ...r: unknown[]): unknown }).call.bind(model);
    const output = state ? (call(a.input!, state) as [Tensor])[0] : (call(a.input!) as Tensor);
    const batch = state ? (vmapCall(model, a.batch_input!, state) as [Tensor])[0] : (vmapCall(model, a.batch_input!) as Tensor);
    const arrays: Record<string, Tensor> = { input: a.input!, batch_input: a.batch_input!, output, batch_output: batch };
    const id = `tree_${name}`;
    await ctx.writeCase(
      id,
      {
        framework: 'equinox',
        layer: String(m.layer),
        model: name,
        spec: m.spec as Record<string, unknown>,
        kind: 'equinox-tree',
        tolerance: m.tolerance as never,
        arrays: Object.fromEntries(Object.keys(arrays).map((k) => [k, `${id}.${k}.npy`])),
        files: { checkpoint: `${id}.eqx` },
      },
      {
        ...Object.fromEntries(Object.entries(arrays).map(([k, t]) => [`${id}.${k}.npy`, writeNpy(t as never)])),
        [`${id}.eqx`]: treeSerialiseLeaves(tree),
      },
    );
  }
}

/** Writes one case per `layers_equinox` fixture and one per `trees_equinox` fixture. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  for (const name of listFixtures('layers_equinox')) {
    const fixture = loadFixture('layers_equinox', name);
    const m = fixture.manifest as Record<string, unknown>;
    const [skeleton, initial] = modelWithStateFromSpec(m.spec as ModuleSpec);
    const like: unknown = initial ? [skeleton, initial] : skeleton;
    const tree = scaled(treeDeserialiseLeaves(fixture.file('checkpoint'), like));
    const [model, state] = (initial ? tree : [tree, null]) as [Module, State | null];
    const a = fixture.arrays;
    const inputs = Object.fromEntries(Object.entries(a).filter(([k]) => k.endsWith('input') || k.includes('carry0')));
    let outputs: Record<string, Tensor>;
    if (model instanceof LSTMCell || model instanceof GRUCell) {
      outputs = { ...runCell(model, a, ''), ...(a.batch_input ? runCell(model, a, 'batch_') : {}) };
    } else {
      const call = (model as unknown as { call(x: Tensor, ...r: unknown[]): unknown }).call.bind(model);
      outputs = { output: state ? (call(a.input!, state) as [Tensor])[0] : (call(a.input!) as Tensor) };
      if (a.batch_input)
        outputs.batch_output = state ? (vmapCall(model, a.batch_input, state) as [Tensor])[0] : (vmapCall(model, a.batch_input) as Tensor);
    }
    const arrays = { ...inputs, ...outputs };
    await ctx.writeCase(
      name,
      {
        framework: 'equinox',
        layer: m.layer,
        spec: m.spec,
        kind: m.kind,
        call: m.call,
        tolerance: m.tolerance,
        arrays: Object.fromEntries(Object.keys(arrays).map((k) => [k, `${name}.${k}.npy`])),
        files: { checkpoint: `${name}.eqx` },
      },
      {
        ...Object.fromEntries(Object.entries(arrays).map(([k, t]) => [`${name}.${k}.npy`, writeNpy(t as never)])),
        [`${name}.eqx`]: treeSerialiseLeaves(tree),
      },
    );
  }
  await writeTreeCases(ctx);
}
