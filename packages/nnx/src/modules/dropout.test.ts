import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { Rngs } from '../rngs.js';
import { Dropout } from './dropout.js';

const x = Tensor.fromArray(
  Float32Array.from({ length: 24 }, (_, i) => i + 1),
  [4, 6],
  'float32',
);
const values = (t: Tensor) => Array.from(t.data as Float32Array);

describe('Dropout', () => {
  it('deterministic (constructor, call option or eval()) is the identity; rate 0 too', () => {
    expect(new Dropout(0.5, { deterministic: true }).call(x)).toBe(x);
    expect(new Dropout(0.5, { rngs: new Rngs(0) }).call(x, { deterministic: true })).toBe(x);
    expect(new Dropout(0.5, { rngs: new Rngs(0) }).eval().call(x)).toBe(x);
    expect(new Dropout(0).call(x)).toBe(x);
  });

  it('training: each value is dropped to 0 or scaled by 1/(1-rate), reproducibly from the rngs seed', () => {
    const y = new Dropout(0.5, { rngs: new Rngs({ dropout: 3 }) }).call(x);
    values(y).forEach((v, i) => expect([0, (i + 1) * 2]).toContain(v));
    expect(values(new Dropout(0.5, { rngs: new Rngs({ dropout: 3 }) }).call(x))).toEqual(values(y));
    expect(values(new Dropout(1, { rngs: new Rngs(0) }).call(x)).every((v) => v === 0)).toBe(true);
  });

  it('broadcast_dims share one mask along those axes', () => {
    const y = values(new Dropout(0.5, { broadcastDims: [0], rngs: new Rngs(1) }).call(x));
    for (let r = 1; r < 4; r++) for (let c = 0; c < 6; c++) expect(y[r * 6 + c] === 0).toBe(y[c] === 0);
  });

  it('training without any rngs is refused with a fix', () => {
    expect(() => new Dropout(0.5).call(x)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
