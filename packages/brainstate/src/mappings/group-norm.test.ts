import { describe, expect, it } from 'vitest';
import { golden } from '../__fixtures__/golden.js';
import { tester } from '../__fixtures__/tester.js';
import { GroupNorm } from '../modules/group-norm.js';
import { groupNorm } from './group-norm.js';

tester.run(groupNorm, {
  valid: ['groupnorm', 'groupnorm_no_affine', 'groupnorm_spatial'].map((name) => {
    const { module, fixture } = golden(name);
    return { name, layer: module as GroupNorm, input: fixture.arrays.input };
  }),
  invalid: [
    { name: 'a sample input with other channels', layer: new GroupNorm(8, -1, 2), sampleInput: [4, 4, 6], error: 'E_SHAPE_MISMATCH' },
  ],
});

describe('GroupNorm ↔ group-norm', () => {
  it('group_size becomes num_groups', () => {
    const ir = groupNorm.toIR(new GroupNorm(8, { numGroups: null, groupSize: 2 }), {} as never);
    expect(ir.params).toEqual({ channels: 8, numGroups: 4, epsilon: 1e-6, variance: 'fast' });
  });
});
