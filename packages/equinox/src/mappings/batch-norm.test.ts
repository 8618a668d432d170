import { createConversionContext, Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { golden } from '../__fixtures__/golden.js';
import { goldenCase, runNode, tester } from '../__fixtures__/mapping.js';
import { allclose } from '@interop/runtime';
import { BatchNorm } from '../modules/batch-norm.js';
import { makeWithState } from '../state.js';
import type { State } from '../state.js';
import { batchNorm } from './batch-norm.js';

// batch mode is not bit-identical through the IR (the State's counter and hidden statistics come
// back debiased, counter 0): its round trip is checked on outputs below.
const names = ['batchnorm_ema_mode', 'batchnorm_no_affine'];
const ctx = (direction: 'toIR' | 'fromIR', options = {}) => createConversionContext({ framework: 'equinox', direction, options });

tester.run(batchNorm, {
  valid: names.map(goldenCase),
  invalid: [
    {
      name: 'no State given',
      layer: new EqxNode(makeWithState(BatchNorm)(3, 'batch', { inference: true })[0]),
      error: 'E_INVALID_ARGUMENT',
    },
    {
      name: 'a sample input with 4 channels for input_size=3',
      layer: new EqxNode(...makeWithState(BatchNorm)(3, 'batch', { inference: true })),
      sampleInput: [5, 4],
      error: 'E_SHAPE_MISMATCH',
    },
  ],
});

describe('BatchNorm + State ↔ batch-norm', () => {
  it('batch mode: the IR holds the hidden statistics divided by 1 - momentum**counter (counter 3 in the fixture)', () => {
    const { model, state } = golden('batchnorm_batch_mode');
    const bn = model as BatchNorm;
    const [hm, hv] = state!.get(bn.batchStateIndex!);
    expect(Number((state!.get(bn.batchCounter!).data as Int32Array)[0])).toBe(3);
    const ir = batchNorm.toIR(new EqxNode(bn, state), ctx('toIR'));
    const d = Math.fround(1 - Math.fround(Math.pow(Math.fround(0.99), 3)));
    expect(Array.from(ir.tensors.mean!.toFloat32())).toEqual(Array.from(hm!.toFloat32(), (v) => Math.fround(v / d)));
    expect(Array.from(ir.tensors.var!.toFloat32())).toEqual(Array.from(hv!.toFloat32(), (v) => Math.fround(v / d)));
  });

  it('batch mode round trip: same IR again and the same outputs as Equinox', () => {
    const { model, state, fixture } = golden('batchnorm_batch_mode');
    const ir = batchNorm.toIR(new EqxNode(model, state), ctx('toIR'));
    const back = batchNorm.fromIR(ir, ctx('fromIR', { equinoxBatchNormMode: 'batch' }));
    const again = batchNorm.toIR(back, ctx('toIR'));
    expect(Array.from(again.tensors.mean!.toFloat32())).toEqual(Array.from(ir.tensors.mean!.toFloat32()));
    expect(Array.from(again.tensors.var!.toFloat32())).toEqual(Array.from(ir.tensors.var!.toFloat32()));
    const { rtol, atol } = fixture.manifest.tolerance!;
    expect(allclose(runNode(back, fixture.arrays.batch_input!), fixture.arrays.batch_output!, { rtol, atol })).toBe(true);
  });

  it('builds an inference-mode layer and its State, ema (first_time False) or batch (counter 0)', () => {
    const mean = Tensor.fromArray([0.5, -1, 2], [3], 'float32');
    const variance = Tensor.fromArray([1.5, 0.25, 4], [3], 'float32');
    const ir = { kind: 'batch-norm' as const, params: { channels: 3, epsilon: 1e-3, momentum: 0.9 }, tensors: { mean, var: variance } };
    const ema = batchNorm.fromIR(ir, ctx('fromIR'));
    const m = ema.module as BatchNorm;
    expect([m.mode, m.inference, m.eps, m.momentum, m.weight]).toEqual(['ema', true, 1e-3, 0.9, null]);
    expect((ema.state!.get(m.emaFirstTimeIndex!).data as Uint8Array)[0]).toBe(0);
    expect(ema.state!.get(m.emaStateIndex!)).toEqual([mean, variance]);
    const batch = batchNorm.fromIR(ir, ctx('fromIR', { equinoxBatchNormMode: 'batch' }));
    const b = batch.module as BatchNorm;
    expect(b.mode).toBe('batch');
    expect(Number((batch.state!.get(b.batchCounter!).data as Int32Array)[0])).toBe(0);
    expect((batch.state as State).get(b.batchStateIndex!)).toEqual([mean, variance]);
  });
});
