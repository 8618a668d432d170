import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import { BatchNorm0d, Dropout, environ, random } from './index.js';

describe('environ: the fit flag', () => {
  it('has no default: BatchNorm and Dropout refuse to run without it, as BrainState raises KeyError', () => {
    const { module, fixture } = golden('batchnorm0d');
    expect(() => module.call(fixture.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new Dropout(0.5).call(fixture.arrays.input!)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  it('fit=True normalises with the batch statistics and moves the running ones by momentum', () => {
    const bn = new BatchNorm0d([2], { momentum: 0.9 });
    const x = Tensor.fromArray([1, 10, 3, 20, 5, 30], [3, 2], 'float32');
    const y = environ.context({ fit: true }, () => bn.call(x)).toArray();
    // Independent reference: channel 0 is [1, 3, 5] (mean 3, biased var 8/3), channel 1 [10, 20, 30] (mean 20, var 200/3).
    const ref = (v: number, m: number, s2: number) => (v - m) / Math.sqrt(s2 + Math.fround(1e-5));
    [ref(1, 3, 8 / 3), ref(10, 20, 200 / 3), ref(3, 3, 8 / 3), ref(20, 20, 200 / 3), ref(5, 3, 8 / 3), ref(30, 20, 200 / 3)].forEach(
      (v, i) => expect(y[i]).toBeCloseTo(v, 5),
    );
    const rm = bn.runningMean!.value.toArray();
    expect(rm[0]).toBeCloseTo(0.1 * 3, 6);
    expect(rm[1]).toBeCloseTo(0.1 * 20, 5);
    const rv = bn.runningVar!.value.toArray();
    expect(rv[0]).toBeCloseTo(0.9 + 0.1 * (8 / 3), 5);
    expect(rv[1]).toBeCloseTo(0.9 + 0.1 * (200 / 3), 4);
  });

  it('Dropout keeps with probability prob and scales by 1/prob when fitting; identity in evaluation', () => {
    random.seed(0);
    const x = Tensor.fromArray(new Array(1000).fill(1), [1000], 'float32');
    const y = environ.context({ fit: true }, () => new Dropout(0.8).call(x)).toArray();
    const kept = y.filter((v) => v !== 0);
    kept.forEach((v) => expect(v).toBeCloseTo(1 / 0.8, 6));
    expect(kept.length).toBeGreaterThan(740);
    expect(kept.length).toBeLessThan(860);
    environ.set({ fit: false });
    expect(new Dropout(0.8).call(x)).toBe(x);
    environ.set({ fit: undefined });
  });
});

describe('Dropout broadcast_dims', () => {
  it('shares one keep decision along a broadcast axis', () => {
    random.seed(2);
    const x = Tensor.fromArray(new Array(40).fill(1), [8, 5], 'float32');
    const y = environ.context({ fit: true }, () => new Dropout(0.5, [1]).call(x)).toArray();
    for (let r = 0; r < 8; r++) expect(new Set(Array.from(y.slice(r * 5, r * 5 + 5))).size).toBe(1);
  });
});
