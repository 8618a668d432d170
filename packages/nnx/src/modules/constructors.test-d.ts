// flax.nnx's layers take `rngs` as a keyword-only argument without a default (flax 0.12.8,
// flax/nnx/nn/{linear,normalization,recurrent}.py), so leaving it out must not compile; Dropout's
// defaults to None. Run by vitest's typecheck, not at run time.
import { describe, expectTypeOf, it } from 'vitest';
import { BatchNorm, Conv, Dropout, Embed, GRUCell, GroupNorm, LSTMCell, LayerNorm, Linear, RMSNorm, Rngs } from '../index.js';
import type { LinearOptions } from '../index.js';

declare const rngs: Rngs;

describe('NNX constructors require rngs where flax.nnx does', () => {
  it('accepts the call with rngs, positionally or by keyword', () => {
    expectTypeOf(new Linear(4, 8, { rngs })).toEqualTypeOf<Linear>();
    expectTypeOf(new Linear(4, 8, { useBias: false, rngs })).toEqualTypeOf<Linear>();
    expectTypeOf(new Conv(3, 4, [3, 3], 2, { rngs })).toEqualTypeOf<Conv>();
    expectTypeOf(new GroupNorm(8, null, 2, { rngs })).toEqualTypeOf<GroupNorm>();
  });

  it('refuses every layer built without rngs', () => {
    // @ts-expect-error nnx.Linear(4, 8) raises TypeError: missing keyword-only argument 'rngs'
    new Linear(4, 8);
    // @ts-expect-error a keyword object without rngs
    new Linear(4, 8, { useBias: false });
    // @ts-expect-error
    new Conv(3, 4, [3, 3]);
    // @ts-expect-error
    new Conv(3, 4, [3, 3], 2);
    // @ts-expect-error
    new Embed(10, 6);
    // @ts-expect-error
    new LayerNorm(6, { epsilon: 1e-5 });
    // @ts-expect-error
    new RMSNorm(6);
    // @ts-expect-error
    new GroupNorm(8, 2);
    // @ts-expect-error BatchNorm needs rngs too in flax 0.12
    new BatchNorm(3, { useRunningAverage: true });
    // @ts-expect-error
    new LSTMCell(3, 4);
    // @ts-expect-error
    new GRUCell(3, 4);
  });

  it('Dropout takes rngs optionally, as nnx.Dropout(rate, rngs=None)', () => {
    expectTypeOf(new Dropout(0.5)).toEqualTypeOf<Dropout>();
    expectTypeOf(new Dropout(0.5, { rngs })).toEqualTypeOf<Dropout>();
  });

  it('the options types say rngs is required', () => {
    expectTypeOf<LinearOptions['rngs']>().toEqualTypeOf<Rngs>();
    expectTypeOf<{ useBias: false }>().not.toExtend<LinearOptions>();
    expectTypeOf<{ rngs: Rngs }>().toExtend<LinearOptions>();
  });
});
