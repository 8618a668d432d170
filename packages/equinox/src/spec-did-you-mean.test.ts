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

describe('Equinox spec types: did you mean', () => {
  it('suggests the closest type and lists the valid ones', () => {
    const e = refusal({ type: 'Conv2D' });
    expect(e.code).toBe('E_INVALID_SPEC');
    expect(e.message).toContain("unknown Equinox module type 'Conv2D'. Expected one of ");
    // Conv1d and Conv3d are one edit away too; the closest comes first and is the one to write.
    expect(e.message).toContain('Did you mean "Conv2d" or "Conv1d" or "Conv3d"? Write {"type": "Conv2d"}');
    expect(e.message).toMatch(/Expected one of [^.]*\bConv2d, /);
  });

  it('lists the valid types, without a guess when none is close', () => {
    const e = refusal({ type: 'Transformer' });
    expect(e.message).not.toContain('Did you mean');
    expect(e.message).toMatch(/Expected one of [^.]*\bSequential\b/);
  });
});
