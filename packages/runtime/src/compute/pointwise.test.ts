import type { ActivationFn, ActivationIR, DropoutIR, EmbeddingIR, LayerIR, SequentialIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveMatmul } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { erf, erfc, runIR } from './index.js';

// Definitions from jax.nn, written out here independently of the kernels.
const PHI = (x: number) => 0.5 * erfc(-x / Math.SQRT2);
const DEFS: Record<ActivationFn, (x: number) => number> = {
  identity: (x) => x,
  relu: (x) => Math.max(x, 0),
  gelu: (x) => x * PHI(x),
  gelu_tanh: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  silu: (x) => x / (1 + Math.exp(-x)),
  tanh: Math.tanh,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  softplus: (x) => Math.log1p(Math.exp(x)),
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  leaky_relu: (x) => (x >= 0 ? x : 0.01 * x),
};

const GRID = new Tensor(
  'float32',
  [1, 41 * 3],
  Float32Array.from({ length: 123 }, (_, i) => {
    const base = -10 + 0.5 * Math.floor(i / 3);
    return [base, base * 1e-3, base + 0.123][i % 3]!;
  }),
);

describe('erf', () => {
  it('matches known values to float64 precision', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(-1.5)).toBeCloseTo(-0.9661051464753108, 15);
    expect(erfc(3) / 2.209049699858544e-5).toBeCloseTo(1, 13);
    expect(erfc(5) / 1.5374597944280349e-12).toBeCloseTo(1, 12);
  });
});

describe.each(NODE_BACKENDS)('pointwise layers on %s', (backend) => {
  it.each(Object.keys(DEFS) as ActivationFn[])('%s matches jax.nn over [-10, 10]', (fn) => {
    const ir: ActivationIR = { kind: 'activation', params: { fn }, tensors: {} };
    const y = runIR(ir, GRID, { backend, outputDtype: backend === 'reference' ? 'float64' : 'float32' });
    expectClose(y, Array.from(GRID.data, DEFS[fn]), backend === 'reference' ? 'tiled' : backend);
  });

  it('elu and leaky_relu honour alpha', () => {
    const x = new Tensor('float32', [1, 2], Float32Array.from([-1, 2]));
    const elu = runIR({ kind: 'activation', params: { fn: 'elu', alpha: 2 }, tensors: {} }, x, { backend });
    const leaky = runIR({ kind: 'activation', params: { fn: 'leaky_relu', alpha: 0.2 }, tensors: {} }, x, { backend });
    expectClose(elu, [2 * Math.expm1(-1), 2], 'tiled');
    expectClose(leaky, [-0.2, 2], 'tiled');
  });

  it('dropout is the identity in inference', () => {
    const ir: DropoutIR = { kind: 'dropout', params: { rate: 0.5 }, tensors: {} };
    const x = randn([2, 3], 1);
    expect(runIR(ir, x, { backend }).toArray()).toEqual(Array.from(x.data));
  });

  it('embedding gathers rows exactly and a sequential stack chains layers', () => {
    const table = randn([10, 4], 2);
    const emb: EmbeddingIR = { kind: 'embedding', params: { numEmbeddings: 10, features: 4 }, tensors: { embedding: table } };
    const kernel = randn([4, 3], 3);
    const stack: SequentialIR = {
      kind: 'sequential',
      params: {},
      tensors: {},
      layers: [
        emb,
        { kind: 'linear', params: { inFeatures: 4, outFeatures: 3 }, tensors: { kernel } },
        { kind: 'activation', params: { fn: 'relu' }, tensors: {} },
      ],
    };
    const ids = Tensor.fromArray([3, 0, 9, 3], [2, 2], 'int32');
    const rows = [3, 0, 9, 3].flatMap((i) => Array.from(table.data.subarray(i * 4, i * 4 + 4)));
    expect(runIR(emb, ids, { backend }).toArray()).toEqual(rows);
    const ref = Array.from(naiveMatmul(rows, kernel.data, 4, 4, 3), (v) => Math.max(v, 0));
    expectClose(runIR(stack, ids, { backend }), ref, backend === 'reference' ? 'tiled' : backend, [2, 2, 3]);
  });
});

describe('pointwise checks', () => {
  it('embedding refuses float ids and out-of-range ids', () => {
    const emb: EmbeddingIR = { kind: 'embedding', params: { numEmbeddings: 3, features: 2 }, tensors: { embedding: randn([3, 2], 1) } };
    expect(() => runIR(emb, randn([1, 2], 1), { backend: 'reference' })).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
    expect(() => runIR(emb, Tensor.fromArray([3], [1], 'int32'), { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });

  it('errors inside a stack carry the layer path', () => {
    const bad = { kind: 'linear', params: { inFeatures: 5, outFeatures: 2 }, tensors: {} } as LayerIR;
    const stack: SequentialIR = {
      kind: 'sequential',
      params: {},
      tensors: {},
      layers: [{ kind: 'dropout', params: { rate: 0 }, tensors: {} }, bad],
    };
    expect(() => runIR(stack, randn([1, 3], 1), { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH', path: 'layers/1' }),
    );
  });
});
