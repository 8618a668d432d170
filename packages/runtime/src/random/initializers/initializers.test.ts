import { describe, expect, it } from 'vitest';
import { decode, loadCase, tensorBits } from '../__fixtures__/load.js';
import type { Encoded } from '../__fixtures__/load.js';
import { wrapKeyData } from '../key.js';
import type { FloatDType } from '../float-dtype.js';
import * as I from './index.js';

const { key: keyWords, cases } = loadCase<{
  key: number[];
  cases: Record<string, { shape: number[]; dtype: FloatDType; value: Encoded }>;
}>('initializers');
const k = wrapKeyData(keyWords, [2]);

const exact: Record<string, I.Initializer> = {
  lecun_normal: I.lecunNormal(),
  lecun_uniform: I.lecunUniform(),
  glorot_normal: I.glorotNormal(),
  glorot_uniform: I.glorotUniform(),
  he_normal: I.heNormal(),
  he_uniform: I.heUniform(),
  vs_fan_out_normal: I.varianceScaling(2, 'fan_out', 'normal'),
  vs_fan_avg_uniform_axes: I.varianceScaling(1, 'fan_avg', 'uniform', { inAxis: 1, outAxis: 0, batchAxis: 2 }),
  vs_tn_embed: I.varianceScaling(1, 'fan_in', 'normal', { outAxis: 0 }),
  uniform_default: I.uniform(),
  uniform_scale: I.uniform(0.5),
  normal_default: I.normal(),
  normal_stddev: I.normal(2),
  truncated_normal_default: I.truncatedNormal(),
  truncated_normal_stddev: I.truncatedNormal(0.5),
  zeros: I.zeros,
  ones: I.ones,
  lecun_normal_bf16: I.lecunNormal(),
};

const orthogonal: Record<string, I.Initializer> = {
  orthogonal_4x4: I.orthogonal(),
  orthogonal_6x3: I.orthogonal(),
  orthogonal_3x6: I.orthogonal(),
  orthogonal_16x16: I.orthogonal(),
  orthogonal_2x3x4_col0: I.orthogonal(2, 0),
};

describe('initializers match jax.nn.initializers bit for bit', () => {
  for (const [name, init] of Object.entries(exact)) {
    it(name, () => {
      const c = cases[name]!;
      const t = init(k, c.shape, c.dtype);
      expect(t.shape).toEqual(c.value.shape);
      expect(tensorBits(t)).toEqual(c.value.bits);
    });
  }
});

describe('orthogonal is within 5e-7 of JAX (float64 QR here, LAPACK float32 QR there)', () => {
  for (const [name, init] of Object.entries(orthogonal)) {
    it(name, () => {
      const c = cases[name]!;
      const got = init(k, c.shape, c.dtype).toArray();
      const want = decode(c.value);
      const worstAbs = Math.max(...got.map((g, i) => Math.abs(g - want[i]!)));
      // Measured: 1.2e-7 (4x4, 6x3, 3x6), 2.8e-7 (16x16), 6e-8 (2x3x4); entries are <= 1.
      expect(worstAbs).toBeLessThan(5e-7);
    });
  }
});

it('computeFans follows JAX', () => {
  expect(I.computeFans([3, 3, 2, 4])).toEqual([18, 36]);
  expect(I.computeFans([4, 3, 2], 1, 0, 2)).toEqual([3, 4]);
});
