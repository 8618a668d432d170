import { describe, expect, it } from 'vitest';
import { decode, loadCase, tensorBits, ulpDistance32 } from './__fixtures__/load.js';
import type { Encoded } from './__fixtures__/load.js';
import { bernoulli, normal, truncatedNormal, uniform, wrapKeyData } from './index.js';
import type { FloatDType } from './index.js';

interface SamplerCase {
  key: number[];
  args: {
    shape: number[];
    dtype?: FloatDType;
    minval?: number;
    maxval?: number;
    lower?: number;
    upper?: number;
    p?: number;
    approx?: boolean;
  };
  value: Encoded;
}

const { cases } = loadCase<{ cases: Record<string, SamplerCase> }>('samplers');

function run(name: string, c: SamplerCase) {
  const k = wrapKeyData(c.key, [2]);
  const a = c.args;
  if (name.startsWith('u_')) return uniform(k, a.shape, { dtype: a.dtype, minval: a.minval, maxval: a.maxval });
  if (name.startsWith('n_')) return normal(k, a.shape, { dtype: a.dtype });
  if (name.startsWith('tn_')) return truncatedNormal(k, a.lower!, a.upper!, a.shape, a.dtype);
  return bernoulli(k, a.p, a.shape);
}

describe('samplers match jax.random bit for bit', () => {
  for (const [name, c] of Object.entries(cases)) {
    if (c.args.approx) continue;
    it(name, () => {
      const t = run(name, c);
      expect(t.shape).toEqual(c.value.shape);
      expect(t.dtype).toBe(c.value.dtype);
      expect(tensorBits(t)).toEqual(c.value.bits);
    });
  }
});

describe('float64 normal is close to jax', () => {
  for (const [name, c] of Object.entries(cases)) {
    if (!c.args.approx) continue;
    it(name, () => {
      const got = run(name, c).toArray();
      const want = decode(c.value);
      got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(want[i]!))));
    });
  }
});

it('ulpDistance32 counts float32 steps', () => {
  expect(ulpDistance32(1, Math.fround(1 + 2 ** -23))).toBe(1);
});
