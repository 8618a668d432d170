import { Tensor } from '@interop/core';
import { readSafetensors } from '@interop/formats';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import { paramsOf } from './__fixtures__/tester.js';
import {
  GRUCell,
  LSTMCell,
  Linear,
  Sequential,
  LayerNorm,
  graph,
  msgpackLoad,
  msgpackSave,
  random,
  safetensorsLoad,
  safetensorsSave,
  stateDict,
} from './index.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';

const bits = (t: Tensor) => Array.from(t.toArray());

describe('state files', () => {
  it("graph.states gives BrainState's nested paths, in its order", () => {
    const model = new Sequential(new Linear(4, 8), new LayerNorm(8), new Linear(8, 2));
    expect([...graph.states(model).keys()]).toEqual(['layers/0/weight', 'layers/1/weight', 'layers/2/weight']);
    const cell = new GRUCell(3, 4);
    cell.initState(2);
    expect([...graph.states(cell).keys()]).toEqual(['Wh/weight', 'Wrz/weight', 'h']);
    expect(Object.keys(stateDict(model).layers as object)).toEqual(['0', '1', '2']);
  });

  it.each(listFixtures('layers_brainstate'))('%s: safetensors round trip is bit-identical, keys the state paths', (name) => {
    const { module, fixture } = golden(name);
    const bytes = safetensorsSave(module);
    const keys = [...readSafetensors(bytes).tensors.keys()].sort();
    expect(keys).toEqual([...paramsOfAll(module).keys()].sort());
    const fresh = moduleFromSpec(fixture.manifest.spec as ModuleSpec);
    if (fixture.arrays.carry0_h) fresh.initState(fixture.arrays.carry0_h.shape[0]);
    safetensorsLoad(fresh, bytes);
    const a = paramsOfAll(module);
    const b = paramsOfAll(fresh);
    for (const [k, t] of a) {
      expect(b.get(k)!.dtype).toBe(t.dtype);
      expect(bits(b.get(k)!)).toEqual(bits(t));
    }
    expect(Buffer.from(msgpackSave(fresh)).equals(Buffer.from(fixture.file('checkpoint')))).toBe(true);
  });

  it('refuses a file that does not fit the model, leaving the model unchanged', () => {
    random.seed(0);
    const withBias = msgpackSave(new Linear(3, 5));
    const noBias = new Linear(3, 5, { bInit: null });
    const before = bits(noBias.weight.value.weight!);
    expect(() => msgpackLoad(noBias, withBias)).toThrow(expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }));
    expect(() => msgpackLoad(new Linear(3, 6), withBias)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
    expect(bits(noBias.weight.value.weight!)).toEqual(before);
    const cell = new LSTMCell(3, 4);
    expect(() => msgpackLoad(cell, golden('lstmcell').bytes)).toThrow(expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }));
    expect(() => msgpackLoad({} as never, withBias)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});

function paramsOfAll(m: Parameters<typeof paramsOf>[0]): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [path, state] of graph.states(m)) {
    const v = state.value;
    if (v instanceof Tensor) out.set(path, v);
    else for (const [k, t] of Object.entries(v)) out.set(`${path}/${k}`, t);
  }
  return out;
}
