import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { expectGolden } from './__fixtures__/golden.js';

const cases = listFixtures('layers_brainstate');

describe('every layers_brainstate case against real BrainState', () => {
  it('has all 45 cases', () => expect(cases.length).toBe(45));
  it.each(cases)('%s: forward output, dtype and msgpack bytes', (name) => {
    expectGolden(name);
  });
});
