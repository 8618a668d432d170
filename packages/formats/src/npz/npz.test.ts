import { describe, expect, it } from 'vitest';
import { asExpected, fixtureBytes, formatCases } from '../../test/fixtures.js';
import { readNpz, writeNpz } from '../index.js';

describe('npz from np.savez and np.savez_compressed', () => {
  for (const c of formatCases('npz-')) {
    it(`${c.case}: reads the values Python saved, and reads its own output back`, () => {
      const arrays = readNpz(fixtureBytes(c, 'npz'));
      const got = Object.fromEntries([...arrays].map(([k, t]) => [k, asExpected(t)]));
      expect(got).toEqual(c.expected);
      for (const compress of [false, true]) {
        const again = readNpz(writeNpz(arrays, { compress }));
        expect(Object.fromEntries([...again].map(([k, t]) => [k, asExpected(t)]))).toEqual(c.expected);
      }
    });
  }
});
