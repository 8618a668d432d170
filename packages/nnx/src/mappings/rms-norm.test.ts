import { Tensor } from '@interop/core';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { rmsNorm } from './rms-norm.js';

const one = Tensor.fromArray(new Float32Array([1, 1]), [2], 'float32');

tester.run(rmsNorm, {
  valid: goldenCases(['rmsnorm', 'rmsnorm_f16', 'rmsnorm_no_scale']),
  invalid: [
    {
      name: 'an RMS norm with a bias (Equinox)',
      ir: { kind: 'rms-norm', params: { featureShape: [2], epsilon: 1e-6 }, tensors: { scale: one, bias: one } },
      error: 'E_CONVERSION',
    },
  ],
});
