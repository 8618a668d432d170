import { Tensor, sliceAxis } from '@interop/core';
import { key } from '@interop/runtime';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import type { AnyModule } from './module.js';
import type { Variables } from './variables.js';

// The checkpoints are module.init(...) with values replaced, so init's tree here must have the
// same collections, names, order, shapes and dtypes.
function layout(v: unknown, sorted = false): unknown {
  if (v instanceof Tensor) return `${v.dtype}[${v.shape.join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, layout(x, sorted)] as const);
  return sorted ? entries.sort(([a], [b]) => (a < b ? -1 : 1)) : entries;
}

// This one checkpoint was written from a tree with sorted keys (it went through a tree map), not
// in init's creation order; names, shapes and dtypes still have to match.
const SORTED = new Set(['lstmcell_bf16']);

describe('init(key, x) creates the variables Linen creates', () => {
  it.each(listFixtures('layers_linen'))('%s', (name) => {
    const { module, variables, fixture } = golden(name);
    const a = fixture.arrays;
    let made: Variables;
    if (a.carry0_h) {
      const first = sliceAxis(a.input!, 0, 0, 1);
      const x = first.reshape(first.shape.slice(1));
      const carry = a.carry0_c ? [a.carry0_c, a.carry0_h] : a.carry0_h;
      made = (module as AnyModule).init(key(0), carry, x);
    } else {
      made = (module as AnyModule).init(key(0), a.input!);
    }
    expect(layout(made, SORTED.has(name))).toEqual(layout(variables, SORTED.has(name)));
  });
});
