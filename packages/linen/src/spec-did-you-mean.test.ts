// An unknown spec type lists the valid types and suggests the closest (core's closestNames).
import { expectSpecTypeSuggestion, expectSpecTypesListedWithoutGuess, specRefusal } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { moduleFromSpec } from './spec.js';

describe('Linen spec types: did you mean', () => {
  it('suggests the closest type and lists the valid ones', () => {
    expectSpecTypeSuggestion(
      moduleFromSpec,
      { type: 'dense' },
      {
        framework: 'Linen',
        didYouMean: 'Did you mean "Dense"? Write {"type": "Dense"}',
        closest: 'Dense',
      },
    );
  });

  it('lists the valid types, without a guess when none is close', () => {
    expectSpecTypesListedWithoutGuess(moduleFromSpec, { type: 'Transformer' });
  });

  it('an Activation spec: its type is the function name, and the valid ones are listed', () => {
    const e = specRefusal(moduleFromSpec, { type: 'Activation' });
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toMatch(/module type 'Activation'\. Expected one of elu, gelu, .*relu/);
    expect(e.message).toContain('Activation specs name their function as the type: write {"type": "relu"}');
  });
});
