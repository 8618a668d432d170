import { keyData } from '@interop/runtime';
import type { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { flatState, state, toPureDict } from './graph.js';
import type { AnyModule } from './module.js';
import { Conv } from './modules/conv.js';
import { Embed } from './modules/embed.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { Linear } from './modules/linear.js';
import { Rngs } from './rngs.js';
import { Param } from './variables.js';
import { bitsOf, nnxRandom } from './__fixtures__/random-init.js';

const fixture = nnxRandom();

function paramBits(model: AnyModule): Record<string, number[]> {
  return Object.fromEntries(flatState(toPureDict(state(model, Param))).map(([p, t]) => [p.join('/'), bitsOf(t as Tensor)]));
}

function wanted(name: string): Record<string, number[]> {
  return Object.fromEntries(Object.entries(fixture.layers[name]!).map(([k, v]) => [k, v.bits]));
}

describe('default init equals flax.nnx with the same Rngs, bit for bit', () => {
  it.each([
    ['linear_4_8', () => new Linear(4, 8, { rngs: new Rngs(0) })],
    ['linear_4_8_seed42', () => new Linear(4, 8, { rngs: new Rngs(42) })],
    ['conv_3_5_3x3', () => new Conv(3, 5, [3, 3], { rngs: new Rngs(0) })],
    ['embed_10_6', () => new Embed(10, 6, { rngs: new Rngs(0) })],
  ] as const)('%s', (name, make) => {
    expect(paramBits(make())).toEqual(wanted(name));
  });

  it('lstm_cell_3_4: input kernels and biases bit for bit, orthogonal recurrent kernels within 5e-7', () => {
    const got = paramBits(new LSTMCell(3, 4, { rngs: new Rngs(0) }));
    const want = wanted('lstm_cell_3_4');
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const [path, bits] of Object.entries(want)) {
      if (!/^h[ifgo]\/kernel$/.test(path)) {
        expect(got[path], path).toEqual(bits);
        continue;
      }
      const a = new Float32Array(new Uint32Array(got[path]!).buffer);
      const b = new Float32Array(new Uint32Array(bits).buffer);
      a.forEach((v, i) => expect(Math.abs(v - b[i]!), path).toBeLessThanOrEqual(5e-7));
    }
  });
});

describe('Rngs', () => {
  it('nnx.Rngs(0, dropout=7): params falls back to default and shares its count; dropout is its own stream', () => {
    const rngs = new Rngs(0, { dropout: 7 });
    const draws = [rngs.params(), rngs.params(), rngs.dropout(), rngs.default()].map((k) => Array.from(keyData(k).data as Uint32Array));
    const d = fixture.rngs_draws;
    expect(draws).toEqual([d.params_0, d.params_1, d.dropout_0, d.default_2]);
  });

  it('new Rngs({ params: 0 }) names the stream; a missing stream without default is refused', () => {
    const rngs = new Rngs({ params: 0 });
    expect(Array.from(keyData(rngs.params()).data as Uint32Array)).toEqual(fixture.rngs_draws.params_0);
    expect(() => rngs.dropout()).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
