import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Tensor } from '@interop/core';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { writeState } from './files.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Dropout } from './modules/dropout.js';
import { allclose } from '@interop/runtime';
import { GRUCell } from './modules/gru-cell.js';
import { Rngs } from './rngs.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { bitsOf } from './__fixtures__/random-init.js';

// Written by real Flax NNX with __fixtures__/python/generate.py.
const flax = JSON.parse(readFileSync(new URL('./__fixtures__/python/flax_nnx.json', import.meta.url), 'utf8')) as {
  build_nnx_sha256: Record<string, string>;
  gru_cell_3_4: Record<string, number[]>;
  dropout: Record<string, number[]>;
  batchnorm_train: Record<string, number[]>;
};
const floats = (bits: number[]) => Array.from(new Float32Array(new Uint32Array(bits).buffer));

// The cells' orthogonal recurrent kernels agree with Python to ~1 ulp, not bit for bit.
const exact = listFixtures('layers_nnx').filter((n) => !n.includes('cell'));

describe('moduleFromSpec(spec) builds the weights specs.build_nnx(spec) builds', () => {
  it.each(exact)("%s: the state file of the fresh model equals Python's, byte for byte", (name) => {
    const spec = loadFixture('layers_nnx', name).manifest.spec as ModuleSpec;
    expect(
      createHash('sha256')
        .update(writeState(moduleFromSpec(spec)))
        .digest('hex'),
    ).toBe(flax.build_nnx_sha256[name]);
  });
});

describe('GRUCell(3, 4, rngs=Rngs(0))', () => {
  it('dense_i bit for bit, dense_h (orthogonal) within 5e-7', () => {
    const cell = new GRUCell(3, 4, { rngs: new Rngs(0) });
    expect(bitsOf(cell.dense_i.kernel.value)).toEqual(flax.gru_cell_3_4['dense_i/kernel']);
    expect(bitsOf(cell.dense_i.bias!.value)).toEqual(flax.gru_cell_3_4['dense_i/bias']);
    const want = floats(flax.gru_cell_3_4['dense_h/kernel']!);
    Array.from(cell.dense_h.kernel.value.data as Float32Array).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(5e-7));
  });
});

describe('Dropout in training mode equals nnx.Dropout', () => {
  const x = Tensor.fromArray(new Float32Array(new Uint32Array(flax.dropout.x!).buffer), [4, 6], 'float32');
  it.each([
    ['rate_0.5_rngs_dropout_3', () => new Dropout(0.5, { rngs: new Rngs({ dropout: 3 }) }).call(x)],
    ['rate_0.3_broadcast_0_rngs_1', () => new Dropout(0.3, { broadcastDims: [0], rngs: new Rngs(1) }).call(x)],
    ['rate_0.5_call_rngs_5', () => new Dropout(0.5).call(x, { rngs: new Rngs(5) })],
  ] as const)('%s', (name, run) => {
    expect(bitsOf(run())).toEqual(flax.dropout[name]);
  });
});

describe('BatchNorm in training mode equals nnx.BatchNorm', () => {
  const f = flax.batchnorm_train;
  const t = (bits: number[], shape: number[]) => Tensor.fromArray(new Float32Array(new Uint32Array(bits).buffer), shape, 'float32');
  it('batch statistics normalise, running statistics move by momentum; eval() then uses them', () => {
    const bn = new BatchNorm(3, { momentum: 0.9, rngs: new Rngs(0) });
    bn.scale!.value = Tensor.fromArray(new Float32Array([0.5, 1.5, -1.0]), [3], 'float32');
    bn.bias!.value = Tensor.fromArray(new Float32Array([0.1, -0.2, 0.3]), [3], 'float32');
    const x = t(f.x!, [4, 5, 3]);
    const tol = { rtol: 1e-5, atol: 1e-6 };
    expect(allclose(bn.call(x), t(f.y_train!, [4, 5, 3]), tol)).toBe(true);
    expect(allclose(bn.mean.value, t(f.mean!, [3]), tol)).toBe(true);
    expect(allclose(bn.var.value, t(f.var!, [3]), tol)).toBe(true);
    expect(allclose(bn.eval().call(x), t(f.y_eval!, [4, 5, 3]), tol)).toBe(true);
  });
});
