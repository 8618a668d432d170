import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { layerNorm } from './layer-norm.js';

tester.run(layerNorm, {
  valid: goldenCases([
    'layernorm',
    'layernorm_3d_input',
    'layernorm_bf16',
    'layernorm_no_affine',
    'layernorm_no_bias',
    'layernorm_no_scale',
  ]),
});
