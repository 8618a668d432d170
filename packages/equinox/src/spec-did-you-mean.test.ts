// An unknown spec type lists the valid types and suggests the closest (core's closestNames).
import { expectSpecTypeSuggestion, expectSpecTypesListedWithoutGuess } from '@interop/testing';
import { describe, it } from 'vitest';
import { moduleFromSpec } from './spec.js';

describe('Equinox spec types: did you mean', () => {
  it('suggests the closest type and lists the valid ones', () => {
    // Conv1d and Conv3d are one edit away too; the closest comes first and is the one to write.
    expectSpecTypeSuggestion(
      moduleFromSpec,
      { type: 'Conv2D' },
      {
        framework: 'Equinox',
        didYouMean: 'Did you mean "Conv2d" or "Conv1d" or "Conv3d"? Write {"type": "Conv2d"}',
        closest: 'Conv2d',
      },
    );
  });

  it('lists the valid types, without a guess when none is close', () => {
    expectSpecTypesListedWithoutGuess(moduleFromSpec, { type: 'Transformer' });
  });
});
