// An unknown spec type lists the valid types and suggests the closest (core's closestNames).
import { expectSpecTypeSuggestion, expectSpecTypesListedWithoutGuess } from '@interop/testing';
import { describe, it } from 'vitest';
import { moduleFromSpec } from './spec.js';

describe('BrainState spec types: did you mean', () => {
  it('suggests the closest type and lists the valid ones', () => {
    expectSpecTypeSuggestion(
      moduleFromSpec,
      { type: 'Lineer' },
      {
        framework: 'BrainState',
        didYouMean: 'Did you mean "Linear"? Write {"type": "Linear"}',
        closest: 'Linear',
      },
    );
  });

  it('lists the valid types, without a guess when none is close', () => {
    expectSpecTypesListedWithoutGuess(moduleFromSpec, { type: 'Transformer' });
  });
});
