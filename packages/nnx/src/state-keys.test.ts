import { Tensor } from '@interop/core';
import { writeFlaxMsgpack } from '@interop/formats';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { readPureDict, writePureDict } from './files.js';
import { detectStateKeys } from './state-keys.js';

describe('state key forms', () => {
  it('one pure dict, three files: the int form is the shortest, str and str-sorted differ only in order', () => {
    const f = loadFixture('trees_nnx', 'deep_mlp');
    const pure = readPureDict(f.file('checkpoint'));
    const int = writePureDict(pure, { keys: 'int' });
    expect(int.length).toBeLessThan(writePureDict(pure, { keys: 'str' }).length);
    expect(Buffer.from(writePureDict(pure)).equals(Buffer.from(f.file('checkpoint_str_sorted')))).toBe(true);
    expect(Object.keys(readPureDict(f.file('checkpoint_str')).layers!)).toEqual(Object.keys(pure.layers!));
  });

  it('a file another writer ordered differently matches no form', () => {
    const t = Tensor.zeros([1], 'float32');
    const bytes = writeFlaxMsgpack(
      new Map([
        ['zeta', new Map([['kernel', t]])],
        ['alpha', new Map([['kernel', t]])],
      ]),
    );
    expect(detectStateKeys(bytes, readPureDict(bytes))).toBeUndefined();
  });

  it('an unknown form is E_INVALID_ARGUMENT listing the forms', () => {
    expect(() => writePureDict({ a: { 0: Tensor.zeros([1], 'float32') } }, { keys: 'ints' as never })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('str-sorted, int, str') }),
    );
  });
});
