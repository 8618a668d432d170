// Linen modules are dataclasses: a field without a default (Dense's features, Conv's features and
// kernel_size, Embed's num_embeddings and features, Dropout's rate, the cells' features) must be
// given, so leaving it out must not compile; the norms have defaults for every field. Run by
// vitest's typecheck, not at run time.
import { describe, expectTypeOf, it } from 'vitest';
import { BatchNorm, Conv, Dense, Dropout, Embed, GRUCell, LSTMCell, LayerNorm } from '../index.js';

describe('Linen constructors require the fields Linen has no default for', () => {
  it('accepts the calls with them', () => {
    expectTypeOf(new Dense(5)).toEqualTypeOf<Dense>();
    expectTypeOf(new Conv(4, [3, 3])).toEqualTypeOf<Conv>();
    expectTypeOf(new Embed(10, 6)).toEqualTypeOf<Embed>();
    expectTypeOf(new Dropout(0.1)).toEqualTypeOf<Dropout>();
    expectTypeOf(new LayerNorm()).toEqualTypeOf<LayerNorm>();
    expectTypeOf(new BatchNorm()).toEqualTypeOf<BatchNorm>();
  });

  it('refuses a call without them', () => {
    // @ts-expect-error nn.Dense() raises TypeError: missing 1 required positional argument: 'features'
    new Dense();
    // @ts-expect-error
    new Dense({ useBias: false });
    // @ts-expect-error
    new Conv(4);
    // @ts-expect-error
    new Embed(10);
    // @ts-expect-error
    new Dropout();
    // @ts-expect-error
    new LSTMCell();
    // @ts-expect-error
    new GRUCell();
  });
});
