import { describe, expect, it } from 'vitest';
import { state } from '../graph.js';
import { BatchNorm } from '../modules/batch-norm.js';
import { Rngs } from '../rngs.js';
import { BatchStat, Param } from '../variables.js';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { batchNorm } from './batch-norm.js';

tester.run(batchNorm, {
  valid: goldenCases([
    'batchnorm_0d',
    'batchnorm_1d',
    'batchnorm_2d',
    'batchnorm_3d',
    'batchnorm_bf16',
    'batchnorm_bias_only',
    'batchnorm_scale_only',
  ]),
});

describe('BatchNorm', () => {
  it('mean/var are BatchStats in float32, scale/bias Params in param_dtype', () => {
    const bn = new BatchNorm(3, { paramDtype: 'bfloat16', rngs: new Rngs(0) });
    expect(Object.keys(state(bn, BatchStat))).toEqual(['mean', 'var']);
    expect(Object.keys(state(bn, Param))).toEqual(['bias', 'scale']);
    expect([bn.mean.value.dtype, bn.scale!.value.dtype]).toEqual(['float32', 'bfloat16']);
  });

  it('a call option overrides the constructor flag, as in NNX', () => {
    const [c] = goldenCases(['batchnorm_0d']);
    const bn = c!.layer as BatchNorm;
    const before = Array.from(bn.mean.value.data as Float32Array);
    expect(bn.call(c!.input!, { useRunningAverage: true }).shape).toEqual(c!.input!.shape);
    expect(Array.from(bn.mean.value.data as Float32Array)).toEqual(before);
  });
});
