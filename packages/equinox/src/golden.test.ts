import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { expectGolden } from './__fixtures__/golden.js';

describe('every layers_equinox case against equinox 0.13.8', () => {
  it('covers the 45 cases', () => expect(listFixtures('layers_equinox')).toHaveLength(45));
  it.each(listFixtures('layers_equinox'))('%s: per-example and vmapped output, .eqx bytes', (name) => expectGolden(name));
});
