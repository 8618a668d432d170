import { InteropError } from '@interop/core';
import { listFixtures } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { golden } from './__fixtures__/golden.js';
import type { AnyModule } from './module.js';
import type { Variables, VariableTree } from './variables.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

// Every way of handing a layer the wrong variables ends in an InteropError, never a TypeError.
const withParams = listFixtures('layers_linen').filter((name) => Object.keys(golden(name).variables.params ?? {}).length > 0);

describe('wrong variables are InteropErrors that say what is missing', () => {
  it.each(withParams)('%s', (name) => {
    const { module, variables, fixture } = golden(name);
    const a = fixture.arrays;
    const run = (v: Variables) => {
      const m = module as AnyModule;
      return a.carry0_h ? m.apply(v, a.carry0_c ? [a.carry0_c, a.carry0_h] : a.carry0_h, a.input!) : m.apply(v, a.input!);
    };
    const noCollection = thrown(() => run(variables.params as unknown as Variables));
    expect(noCollection).toBeInstanceOf(InteropError);
    if (!variables.batch_stats) expect(String(noCollection)).toMatch(/no top-level 'params'/);
    const empty: Variables = { ...variables, params: {} as VariableTree };
    const err = thrown(() => run(empty));
    expect(err).toBeInstanceOf(InteropError);
    expect(String(err)).toMatch(/lack|params/);
  });
});
