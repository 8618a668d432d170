import { describe, it } from 'vitest';
import { expectCellGolden } from './__fixtures__/cell-golden.js';
import { expectGolden } from './__fixtures__/golden.js';

// param_dtype / dtype cases: computed in float32 from the exact half values, returned in the
// dtype Linen promotes to, within the manifest's half-precision tolerance.
const cases = [
  'batchnorm_bf16',
  'conv2d_bf16',
  'conv2d_f16',
  'dense_bf16',
  'dense_f16',
  'embed_bf16',
  'groupnorm_bf16',
  'layernorm_bf16',
  'rmsnorm_f16',
];

describe('half precision against flax.linen', () => {
  it.each(cases)('%s: output, its dtype and msgpack bytes', (name) => expectGolden(name));
  it('lstmcell_bf16: every step, its dtype and msgpack bytes', () => expectCellGolden('lstmcell_bf16'));
});
