// equinox.nn's randomly initialised layers take `key` keyword-only without a default (equinox
// nn/_linear.py, _conv.py, _rnn.py), so leaving it out must not compile; Embedding's defaults to
// None (a given `weight` needs none), and the norms and Dropout take no key. Run by vitest's
// typecheck, not at run time.
import type { KeyLike } from '@interop/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import { Conv, Conv1d, Conv2d, Conv3d, Dropout, Embedding, GRUCell, LSTMCell, LayerNorm, Linear } from '../index.js';
import type { LinearOptions } from '../index.js';

declare const key: KeyLike;

describe('Equinox constructors require key where equinox.nn does', () => {
  it('accepts the call with key', () => {
    expectTypeOf(new Linear(3, 5, { key })).toEqualTypeOf<Linear>();
    expectTypeOf(new Linear(3, 5, false, { key })).toEqualTypeOf<Linear>();
    expectTypeOf(new Conv2d(3, 4, 3, { padding: 1, key })).toEqualTypeOf<Conv2d>();
    expectTypeOf(new LSTMCell(3, 4, { key })).toEqualTypeOf<LSTMCell>();
  });

  it('refuses every layer built without key', () => {
    // @ts-expect-error eqx.nn.Linear(3, 5) raises TypeError: missing keyword-only argument 'key'
    new Linear(3, 5);
    // @ts-expect-error positional arguments but no key
    new Linear(3, 5, false);
    // @ts-expect-error a keyword object without key
    new Linear(3, 5, { useBias: false });
    // @ts-expect-error
    new Conv(2, 3, 4, 3);
    // @ts-expect-error
    new Conv1d(3, 4, 3);
    // @ts-expect-error
    new Conv2d(3, 4, 3, { padding: 1 });
    // @ts-expect-error
    new Conv3d(3, 4, 3);
    // @ts-expect-error
    new LSTMCell(3, 4);
    // @ts-expect-error
    new GRUCell(3, 4, { useBias: false });
  });

  it('layers Equinox builds without a key compile without one', () => {
    expectTypeOf(new Embedding({ weight: null as never })).toEqualTypeOf<Embedding>();
    expectTypeOf(new LayerNorm(6)).toEqualTypeOf<LayerNorm>();
    expectTypeOf(new Dropout(0.1)).toEqualTypeOf<Dropout>();
  });

  it('the options types say key is required', () => {
    expectTypeOf<LinearOptions['key']>().toEqualTypeOf<KeyLike>();
    expectTypeOf<{ useBias: false }>().not.toExtend<LinearOptions>();
  });
});
