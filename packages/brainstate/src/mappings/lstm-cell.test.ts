import { Tensor, createRegistry, sliceAxis } from '@interop/core';
import { allclose } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { cellTester } from '../__fixtures__/tester.js';
import brainstate from '../index.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import { random } from '../index.js';
import { lstmCell } from './lstm-cell.js';

const step = (name: string) => {
  const { module, fixture } = golden(name);
  return {
    name,
    layer: module as LSTMCell,
    input: sliceAxis(fixture.arrays.input!, 0, 0, 1).reshape(fixture.arrays.input!.shape.slice(1)),
  };
};

// The forget fold (+1 out, -1 back) rounds unless b + 1 is exact in the dtype, so the bit-exact
// round trip runs on golden kernels with a dyadic bias; the golden biases are checked to the ulp below.
function dyadicBias(name: string) {
  const c = step(name);
  const w = c.layer.W.weight.value;
  const n = w.bias!.size;
  c.layer.W.weight.value = {
    weight: w.weight!,
    bias: Tensor.fromArray(
      Array.from({ length: n }, (_, i) => (i - 8) / 64),
      [n],
      w.bias!.dtype as 'float32',
    ),
  };
  return { ...c, name: `${name}, dyadic bias` };
}
cellTester.run(lstmCell, { valid: [dyadicBias('lstmcell'), dyadicBias('lstmcell_bf16')] });

describe('LSTMCell ↔ lstm-cell', () => {
  it('gates [i, g, f, o] become [i, f, g, o] and the forget bias carries the +1', () => {
    const { module } = golden('lstmcell');
    const cell = module as LSTMCell;
    const ir = lstmCell.toIR(cell, {} as never);
    const h = 4;
    const b = cell.W.weight.value.bias!.toArray();
    const irB = ir.tensors.bias!.toArray();
    for (let j = 0; j < h; j++) {
      expect(irB[j]).toBe(b[j]); // i
      expect(irB[h + j]).toBe(Math.fround(b[2 * h + j]! + 1)); // f (+1)
      expect(irB[2 * h + j]).toBe(b[h + j]); // g
      expect(irB[3 * h + j]).toBe(b[3 * h + j]); // o
    }
    expect(ir.tensors.inputKernel!.shape).toEqual([3, 16]);
    expect(ir.tensors.hiddenKernel!.shape).toEqual([4, 16]);
  });

  it.each(['lstmcell', 'lstmcell_bf16'])("%s: the golden bias comes back within the fold's rounding, outputs equal", (name) => {
    const { layer, input } = step(name);
    const back = lstmCell.fromIR(lstmCell.toIR(layer, {} as never), {} as never) as LSTMCell;
    const a = layer.W.weight.value.bias!.toArray();
    const b = back.W.weight.value.bias!.toArray();
    const ulp = layer.W.weight.value.bias!.dtype === 'bfloat16' ? 2 ** -7 : 2 ** -23;
    a.forEach((v, i) => expect(Math.abs(b[i]! - v)).toBeLessThanOrEqual(ulp * 2));
    expect(Array.from(back.W.weight.value.weight!.toArray())).toEqual(Array.from(layer.W.weight.value.weight!.toArray()));
    layer.initState(input.shape[0]);
    back.initState(input.shape[0]);
    const tol = layer.W.weight.value.bias!.dtype === 'bfloat16' ? 0.03 : 1e-6;
    expect(allclose(back.call(input), layer.call(input), { rtol: tol, atol: tol })).toBe(true);
  });

  it('a cell built with b_init=None converts with the +1 as its bias and computes the same (the anchor: KeyError)', () => {
    random.seed(1);
    const cell = new LSTMCell(3, 4, { bInit: null });
    const registry = createRegistry().use(brainstate);
    const ir = registry.toIR(cell, 'brainstate');
    const back = registry.fromIR(ir, 'brainstate') as LSTMCell;
    const x = random.randn(2, 3);
    cell.initState(2);
    back.initState(2);
    expect(allclose(back.call(x), cell.call(x), { rtol: 1e-6, atol: 1e-6 })).toBe(true);
    expect(Array.from(ir.tensors.bias!.toArray())).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(back.W.weight.value.bias!.toArray())).toEqual(new Array(16).fill(0));
  });
});
