// The anchor's import fixtures (brainstate.interop.from_nnx / from_linen): from the IR of the
// foreign layer, our fromIR must build the BrainState layer the real conversion built: the same
// braintools msgpack bytes (state paths, dict keys and their order, shapes, dtypes) and output.
import { Tensor, concat, createRegistry } from '@interop/core';
import type { LayerIR } from '@interop/core';
import { readFlaxMsgpack } from '@interop/formats';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import brainstate, { environ, graph, msgpackSave } from './index.js';
import type { Module } from './index.js';

type Json = Record<string, unknown>;
type Leaves = Map<string, Tensor>;

function flatten(value: unknown, prefix: string, out: Leaves): Leaves {
  if (value instanceof Tensor) out.set(prefix, value);
  else if (value instanceof Map) for (const [k, v] of value) flatten(v, prefix ? `${prefix}/${String(k)}` : String(k), out);
  return out;
}

const rep = (v: unknown, nd: number): number[] =>
  v === null || v === undefined ? Array<number>(nd).fill(1) : typeof v === 'number' ? Array<number>(nd).fill(v) : (v as number[]);

/** The IR of a foreign layer from its module JSON and its leaves (`get(name)`). */
function foreignIR(
  m: Json,
  get: (name: string, stats?: boolean) => Tensor | undefined,
  at: (i: number) => (name: string, stats?: boolean) => Tensor | undefined,
): LayerIR {
  const t = (o: Record<string, Tensor | undefined>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, Tensor>;
  switch (m.type) {
    case 'Sequential':
      return {
        kind: 'sequential',
        params: {},
        tensors: {},
        layers: (m.layers as Json[]).map((l, i) => foreignIR(l, at(i), () => () => undefined)),
      };
    case 'Linear':
    case 'Dense': {
      const kernel = get('kernel')!;
      return {
        kind: 'linear',
        params: { inFeatures: kernel.shape[0]!, outFeatures: kernel.shape[1]! },
        tensors: t({ kernel, bias: get('bias') }),
      };
    }
    case 'Conv': {
      const kernel = get('kernel')!;
      const nd = kernel.ndim - 2;
      const groups = (m.feature_group_count as number) ?? 1;
      return {
        kind: 'conv',
        params: {
          inFeatures: kernel.shape[nd]! * groups,
          outFeatures: kernel.shape[nd + 1]!,
          kernelSize: kernel.shape.slice(0, nd),
          strides: rep(m.strides, nd),
          padding: m.padding as 'SAME',
          paddingMode: 'zeros',
          inputDilation: rep(m.input_dilation, nd),
          kernelDilation: rep(m.kernel_dilation, nd),
          featureGroups: groups,
        },
        tensors: t({ kernel, bias: get('bias') }),
      };
    }
    case 'LayerNorm':
    case 'RMSNorm': {
      const scale = get('scale');
      const bias = get('bias');
      const n = (m.num_features as number) ?? (scale ?? bias)!.shape[0]!;
      return m.type === 'LayerNorm'
        ? { kind: 'layer-norm', params: { featureShape: [n], epsilon: m.epsilon as number, variance: 'fast' }, tensors: t({ scale, bias }) }
        : { kind: 'rms-norm', params: { featureShape: [n], epsilon: m.epsilon as number }, tensors: t({ scale }) };
    }
    case 'GroupNorm': {
      const scale = get('scale');
      const bias = get('bias');
      const c = (m.num_features as number) ?? (scale ?? bias)?.shape[0] ?? (m.num_groups as number) * (m.group_size as number);
      const numGroups = (m.num_groups as number | null) ?? c / (m.group_size as number);
      return {
        kind: 'group-norm',
        params: { channels: c, numGroups, epsilon: m.epsilon as number, variance: 'fast' },
        tensors: t({ scale, bias }),
      };
    }
    case 'BatchNorm': {
      const mean = get('mean', true)!;
      return {
        kind: 'batch-norm',
        params: { channels: mean.shape[0]!, epsilon: m.epsilon as number, momentum: m.momentum as number },
        tensors: t({ mean, var: get('var', true), scale: get('scale'), bias: get('bias') }),
      };
    }
    case 'Embed': {
      const embedding = get('embedding')!;
      return { kind: 'embedding', params: { numEmbeddings: embedding.shape[0]!, features: embedding.shape[1]! }, tensors: { embedding } };
    }
    case 'Dropout':
      return { kind: 'dropout', params: { rate: m.rate as number }, tensors: {} };
    case 'LSTMCell': {
      const f = get('if_/kernel') ? 'if_' : 'if';
      const ins = ['ii', f, 'ig', 'io'].map((g) => get(`${g}/kernel`)!);
      const hs = ['hi', 'hf', 'hg', 'ho'];
      return {
        kind: 'lstm-cell',
        params: { inputSize: ins[0]!.shape[0]!, hiddenSize: ins[0]!.shape[1]! },
        tensors: {
          inputKernel: concat(ins, 1),
          hiddenKernel: concat(
            hs.map((g) => get(`${g}/kernel`)!),
            1,
          ),
          bias: concat(
            hs.map((g) => get(`${g}/bias`)!),
            0,
          ),
        },
      };
    }
    default:
      throw new Error(`no IR reader for ${String(m.type)}`);
  }
}

const cases = listFixtures('anchor').filter((n) => /^import_(nnx|linen)_/.test(n));

describe("the anchor's imports: fromIR builds what brainstate.interop built", () => {
  it.each(cases)('%s', (name) => {
    const fixture = loadFixture('anchor', name);
    const m = fixture.manifest as unknown as {
      sample_input: number[] | null;
      source: { module: Json };
      tolerance: { rtol: number; atol: number };
    };
    const linen = name.startsWith('import_linen');
    const leaves = flatten(readFlaxMsgpack(fixture.file('source')), '', new Map());
    const getter =
      (prefix: string) =>
      (leaf: string, stats = false) =>
        leaves.get([linen ? (stats ? 'batch_stats' : 'params') : '', prefix, leaf].filter(Boolean).join('/'));
    const ir = foreignIR(m.source.module, getter(''), (i) => getter(linen ? `layers_${i}` : `layers/${i}`));
    const registry = createRegistry().use(brainstate);
    const built = registry.fromIR(ir, 'brainstate', m.sample_input ? { sampleInput: m.sample_input } : {}) as Module;
    const converted = fixture.file('converted');
    // The converted cell was saved after init_state: take its hidden states (nothing else) from the file.
    const hidden = readFlaxMsgpack(converted) as Map<string, unknown>;
    const h = hidden.get('h') as Tensor | undefined;
    if (h) {
      built.initState(h.shape[0]);
      for (const [path, state] of graph.states(built)) if (path === 'h' || path === 'c') state.value = hidden.get(path) as Tensor;
    }
    expect(Buffer.from(msgpackSave(built)).equals(Buffer.from(converted))).toBe(true);
    const input = fixture.arrays.input;
    const want = fixture.arrays.converted_output;
    if (input && want && !h) {
      const y = environ.context({ fit: false }, () => built.call(input));
      expect(y.dtype).toBe(want.dtype);
      expect(allclose(y, want, m.tolerance)).toBe(true);
    }
  });
});
