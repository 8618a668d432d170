import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { expectCellGolden } from './__fixtures__/cell-golden.js';
import { expectGolden } from './__fixtures__/golden.js';

const DIR = fileURLToPath(new URL('../../../tooling/conformance/fixtures/layers_nnx/', import.meta.url));
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));
const cells = cases.filter((c) => c.includes('cell'));

describe('every layers_nnx golden case against flax.nnx', () => {
  it('has the 54 cases', () => {
    if (cases.length !== 54) throw new Error(`found ${cases.length} cases`);
  });
  it.each(cases.filter((c) => !cells.includes(c)))('%s: output and msgpack bytes', (name) => expectGolden(name));
  it.each(cells)('%s: every step carry and output, and msgpack bytes', (name) => expectCellGolden(name));
});
