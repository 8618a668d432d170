// An unknown spec type lists the valid types and suggests the closest (core's closestNames).
import { describe, expect, it } from 'vitest';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';

const refusal = (spec: ModuleSpec): { code?: string; message?: string } => {
  try {
    moduleFromSpec(spec);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
};

describe('NNX spec types: did you mean', () => {
  it('suggests the closest type and lists the valid ones', () => {
    const e = refusal({ type: 'linaer' });
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toContain("unknown NNX module type 'linaer'. Expected one of ");
    expect(e.message).toContain('Did you mean "Linear"? Write {"type": "Linear"}');
    expect(e.message).toMatch(/Expected one of [^.]*\bLinear, /);
  });

  it('lists the valid types, without a guess when none is close', () => {
    const e = refusal({ type: 'Transformer' });
    expect(e.message).not.toContain('Did you mean');
    expect(e.message).toMatch(/Expected one of [^.]*\bSequential\b/);
  });

  it('an Activation spec: its type is the function name, and the valid ones are listed', () => {
    const e = refusal({ type: 'Activation' });
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toMatch(/module type 'Activation'\. Expected one of elu, gelu, .*relu/);
    expect(e.message).toContain('Activation specs name their function as the type: write {"type": "relu"}');
  });
});
