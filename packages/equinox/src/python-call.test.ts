import { InteropError, Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv2d } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { makeWithState } from './state.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof InteropError ? e.code : `not an InteropError: ${String(e)}`;
  }
  return 'nothing thrown';
};

describe("constructors take Equinox's arguments the Python way", () => {
  const k = key(0);
  it('positionals in declaration order, then keywords; key is keyword-only', () => {
    const a = new Linear(3, 5, false, { key: k });
    expect([a.useBias, a.bias]).toEqual([false, null]);
    const c = new Conv2d(3, 4, 3, 2, 1, { key: k });
    expect([c.stride, c.padding]).toEqual([
      [2, 2],
      [
        [1, 1],
        [1, 1],
      ],
    ]);
    const d = new Dropout(0.3, true);
    expect([d.p, d.inference]).toEqual([0.3, true]);
  });

  it("Equinox's defaults: Conv padding 0, LayerNorm eps 1e-5, BatchNorm momentum 0.99 in ema mode, Dropout p 0.5", () => {
    expect(new Conv2d(3, 4, 3, { key: k }).padding).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(new LayerNorm(6).eps).toBe(1e-5);
    const bn = new BatchNorm(3, 'batch');
    expect([bn.momentum, bn.mode, bn.eps, bn.inference]).toEqual([0.99, 'ema', 1e-5, false]);
    expect(new Dropout().p).toBe(0.5);
  });

  it('refuses an unknown keyword, a value given twice, and a missing key', () => {
    expect(code(() => new Linear(3, 5, { key: k, bias: false } as never))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new Linear(3, 5, false, { key: k, useBias: true }))).toBe('E_INVALID_ARGUMENT');
    // @ts-expect-error key is required in the type too; this checks the run-time error for JS callers
    expect(code(() => new Linear(3, 5))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new Conv2d(3, 4, [3, 3, 3], { key: k }))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new Conv2d(3, 4, 3, { padding: 'CIRCULAR', key: k }))).toBe('E_INVALID_ARGUMENT');
  });

  it('modules are immutable pytrees: replace returns a new module', () => {
    const a = new Linear(3, 5, { key: k });
    const b = a.replace({ bias: null });
    expect([a.bias !== null, b.bias, Object.isFrozen(a)]).toEqual([true, null, true]);
  });

  it('calls check one example: a batch needs vmapCall; BatchNorm needs inference', () => {
    const a = new Linear(3, 5, { key: k });
    expect(code(() => a.call(Tensor.zeros([2, 3], 'float32')))).toBe('E_SHAPE_MISMATCH');
    const [bn, state] = makeWithState(BatchNorm)(3, 'batch');
    expect(code(() => bn.call(Tensor.zeros([3], 'float32'), state))).toBe('E_INVALID_ARGUMENT');
    expect(code(() => new LayerNorm(6).call(Tensor.zeros([2, 6], 'float32')))).toBe('E_SHAPE_MISMATCH');
  });
});
