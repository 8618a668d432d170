import { describe, expect, it } from 'vitest';
import { isShapeOnly, placeholderTensor, shapeOnly } from './shape-only.js';

const EXAMPLE = { framework: 'Example', fix: 'Load the file into the model first' };

describe('shapeOnly', () => {
  it('sets isShapeOnly for the build only, nested, and clears it when the build throws', () => {
    expect(isShapeOnly()).toBe(false);
    expect(shapeOnly(() => [isShapeOnly(), shapeOnly(isShapeOnly), isShapeOnly()])).toEqual([true, true, true]);
    expect(isShapeOnly()).toBe(false);
    expect(() =>
      shapeOnly(() => {
        throw new Error('spec refused');
      }),
    ).toThrow('spec refused');
    expect(isShapeOnly()).toBe(false);
  });
});

describe('placeholderTensor', () => {
  it('is a lazy tensor of the dtype and shape that allocates nothing and refuses to be read', () => {
    const t = placeholderTensor('bfloat16', [5, 3], EXAMPLE);
    expect([t.isLazy, t.dtype, t.shape, t.byteLength]).toEqual([true, 'bfloat16', [5, 3], 30]);
    const read = expect.objectContaining({
      code: 'E_INVALID_ARGUMENT',
      message: expect.stringMatching(/this Example array was built shape-only.*Load the file into the model first/s),
    });
    expect(() => t.data).toThrow(read);
    expect(() => t.reshape([15]).toArray()).toThrow(read);
  });

  it('refuses an unknown dtype and a shape that is not non-negative integers', () => {
    expect(() => placeholderTensor('float8' as 'float32', [2], EXAMPLE)).toThrow(expect.objectContaining({ code: 'E_DTYPE' }));
    expect(() => placeholderTensor('float32', [-1], EXAMPLE)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
    expect(() => placeholderTensor('float32', [1.5], EXAMPLE)).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });
});
