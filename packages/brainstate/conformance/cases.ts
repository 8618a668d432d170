/**
 * Live conformance cases for `pnpm conformance`: for every layers_brainstate fixture, build the
 * model from its spec with our default init (BrainState's global random state, seeded per case),
 * run our forward pass (per step for cells, recording the carries), and write the states with our
 * braintools msgpack writer. Python restores them with `braintools.file.msgpack_load` into the
 * real model, runs BrainState, and compares.
 *
 * Module trees (`kind: 'brainstate-tree'`, one per tree of `trees_brainstate`): the tree built from
 * its Module spec with our init, every state then redrawn from a seeded normal (kernels scaled by
 * 1/sqrt(fan-in), running variances positive), our forward in eval mode and our state file;
 * `python tooling/conformance/generators/trees_brainstate.py check DIR` loads each file into the
 * model's own Python class (`CNN`, `ResNet`, ...) and compares. The pooling and Flatten layers of
 * that group are plain `forward` cases, checked like the layers.
 */
import { Tensor, sliceAxis } from '@interop/core';
import { writeNpy } from '@interop/formats';
import { foldIn, key, normal, uniform } from '@interop/runtime';
import type { FloatDType } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { castTo } from '../src/dtypes.js';
import { environ } from '../src/environ.js';
import { msgpackSave } from '../src/files.js';
import { states } from '../src/graph.js';
import type { Module } from '../src/module.js';
import { seed } from '../src/random.js';
import { moduleFromSpec } from '../src/spec.js';
import type { ModuleSpec } from '../src/spec.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

/** The fixtures' half-precision cases cast every state after construction; so do we. */
function castStates(model: Module, dtype: FloatDType): void {
  for (const state of states(model).values()) {
    const v = state.value;
    state.value = v instanceof Tensor ? castTo(v, dtype) : Object.fromEntries(Object.entries(v).map(([k, t]) => [k, castTo(t, dtype)]));
  }
}

function runCell(model: Module, input: Tensor, names: string[]): Record<string, Tensor> {
  const steps = input.shape[0]!;
  const at = (t: number) => sliceAxis(input, 0, t, t + 1).reshape(input.shape.slice(1));
  const ys: Tensor[] = [];
  const carries: Record<string, Tensor[]> = Object.fromEntries(names.map((n) => [n, []]));
  const cell = model as unknown as Record<string, { value: Tensor }>;
  for (let t = 0; t < steps; t++) {
    ys.push(model.call(at(t)));
    for (const n of names) carries[n]!.push(cell[n]!.value);
  }
  const stack = (list: Tensor[]) =>
    Tensor.fromArray(
      list.flatMap((t) => Array.from(t.toArray())),
      [list.length, ...list[0]!.shape],
      list[0]!.dtype as FloatDType,
    );
  return { output: stack(ys), ...Object.fromEntries(names.map((n) => [`carry_${n}`, stack(carries[n]!)])) };
}

/** Every state redrawn, so a dropped or swapped array shows: N(0, 0.5) over sqrt(fan-in) for kernels, U[0.5, 1.5) for variances. */
function redraw(model: Module, seed: number): void {
  const draw = (k: ReturnType<typeof key>, shape: number[], kernel: boolean, variance: boolean) => {
    if (variance) return uniform(k, shape, 'float32', 0.5, 1.5);
    const scale = 0.5 / (kernel && shape.length >= 2 ? Math.sqrt(shape.slice(0, -1).reduce((a, b) => a * b, 1)) : 1);
    return Tensor.fromArray(
      (normal(k, shape, 'float32').data as Float32Array).map((v) => Math.fround(v * scale)),
      shape,
      'float32',
    );
  };
  [...states(model)].forEach(([path, state], i) => {
    const v = state.value;
    const k = foldIn(key(seed), i);
    state.value =
      v instanceof Tensor
        ? draw(k, [...v.shape], false, path.endsWith('running_var'))
        : Object.fromEntries(Object.entries(v).map(([name, t], j) => [name, draw(foldIn(k, j), [...t.shape], name === 'weight', false)]));
  });
}

async function writeTreeCases(ctx: CaseContext): Promise<void> {
  let n = 0;
  for (const name of listFixtures('trees_brainstate')) {
    const fixture = loadFixture('trees_brainstate', name);
    const m = fixture.manifest as Record<string, unknown>;
    seed(700 + n);
    const model = moduleFromSpec(m.spec as ModuleSpec);
    redraw(model, 700 + n++);
    const input = fixture.arrays.input!;
    const output = environ.context({ fit: false }, () => model.call(input));
    const tree = m.kind === 'tree';
    const files = {
      [`tree_${name}.input.npy`]: writeNpy(input),
      [`tree_${name}.output.npy`]: writeNpy(output),
      [`tree_${name}.msgpack`]: msgpackSave(model),
    };
    await ctx.writeCase(
      `tree_${name}`,
      {
        framework: 'brainstate',
        layer: m.layer,
        spec: m.spec,
        kind: tree ? 'brainstate-tree' : 'forward',
        ...(tree ? { model: m.model } : {}),
        tolerance: m.tolerance,
        arrays: { input: `tree_${name}.input.npy`, output: `tree_${name}.output.npy` },
        files: { checkpoint: `tree_${name}.msgpack` },
      } as never,
      files,
    );
  }
}

/** Writes one case per layers_brainstate fixture and one per trees_brainstate fixture. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  await writeTreeCases(ctx);
  let n = 0;
  for (const name of listFixtures('layers_brainstate')) {
    const fixture = loadFixture('layers_brainstate', name);
    const m = fixture.manifest as Record<string, unknown>;
    seed(100 + n++);
    const model = moduleFromSpec(m.spec as ModuleSpec);
    const input = fixture.arrays.input!;
    const names = ['c', 'h'].filter((k) => fixture.arrays[`carry0_${k}`]);
    if (m.kind === 'cell') model.initState(input.shape[1]);
    if (m.dtype !== 'float32') castStates(model, m.dtype as FloatDType);
    const checkpoint = msgpackSave(model);
    const arrays = environ.context({ fit: false }, () =>
      m.kind === 'cell' ? runCell(model, input, names) : { output: model.call(input) },
    );
    const files: Record<string, Uint8Array> = { [`${name}.input.npy`]: writeNpy(input), [`${name}.msgpack`]: checkpoint };
    for (const [k, t] of Object.entries(arrays)) files[`${name}.${k}.npy`] = writeNpy(t);
    await ctx.writeCase(
      name,
      {
        framework: 'brainstate',
        layer: m.layer,
        spec: m.spec,
        kind: m.kind,
        call: m.call,
        tolerance: m.tolerance,
        arrays: { input: `${name}.input.npy`, ...Object.fromEntries(Object.keys(arrays).map((k) => [k, `${name}.${k}.npy`])) },
        files: { checkpoint: `${name}.msgpack` },
      },
      files,
    );
  }
}
