/**
 * Live conformance cases for `pnpm conformance`: for every layers_brainstate fixture, build the
 * model from its spec with our default init (BrainState's global random state, seeded per case),
 * run our forward pass (per step for cells, recording the carries), and write the states with our
 * braintools msgpack writer. Python restores them with `braintools.file.msgpack_load` into the
 * real model, runs BrainState, and compares.
 */
import { Tensor, sliceAxis } from '@interop/core';
import { writeNpy } from '@interop/formats';
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
  const stack = (list: Tensor[]) => Tensor.fromArray(list.flatMap((t) => Array.from(t.toArray())), [list.length, ...list[0]!.shape], list[0]!.dtype as FloatDType);
  return { output: stack(ys), ...Object.fromEntries(names.map((n) => [`carry_${n}`, stack(carries[n]!)])) };
}

/** Writes one case per layers_brainstate fixture. */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
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
    const arrays = environ.context({ fit: false }, () => (m.kind === 'cell' ? runCell(model, input, names) : { output: model.call(input) }));
    const files: Record<string, Uint8Array> = { [`${name}.input.npy`]: writeNpy(input), [`${name}.msgpack`]: checkpoint };
    for (const [k, t] of Object.entries(arrays)) files[`${name}.${k}.npy`] = writeNpy(t);
    await ctx.writeCase(
      name,
      {
        framework: 'brainstate', layer: m.layer, spec: m.spec, kind: m.kind, call: m.call, tolerance: m.tolerance,
        arrays: { input: `${name}.input.npy`, ...Object.fromEntries(Object.keys(arrays).map((k) => [k, `${name}.${k}.npy`])) },
        files: { checkpoint: `${name}.msgpack` },
      },
      files,
    );
  }
}
