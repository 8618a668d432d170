import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { groupNorm } from './group-norm.js';

tester.run(groupNorm, {
  valid: goldenCases(['groupnorm', 'groupnorm_bf16', 'groupnorm_group_size', 'groupnorm_no_affine', 'groupnorm_spatial']),
});
