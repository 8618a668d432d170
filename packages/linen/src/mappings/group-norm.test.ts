import { createRegistry } from '@interop/core';
import type { GroupNormIR } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import linen from '../index.js';
import { GroupNorm } from '../modules/group-norm.js';
import { groupNorm } from './group-norm.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const cases = ['groupnorm', 'groupnorm_group_size', 'groupnorm_no_affine', 'groupnorm_spatial'];

tester.run(groupNorm, {
  valid: cases
    .filter((name) => name !== 'groupnorm_group_size') // built back with num_groups; see the test below
    .map((name) => {
      const { module, variables, fixture } = golden(name);
      const input = fixture.arrays.input!;
      return { name, layer: new LinenNode(module, variables), input, sampleInput: input.shape.slice(1) };
    }),
});

describe('GroupNorm against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it('group_size converts to the equivalent num_groups, same variables', () => {
    const { module, variables, fixture } = golden('groupnorm_group_size');
    const registry = createRegistry().use(linen);
    const input = fixture.arrays.input!;
    const ir = registry.toIR([module, variables], 'linen', { sampleInput: input.shape.slice(1) }) as GroupNormIR;
    const channels = input.shape[input.shape.length - 1]!;
    expect(ir.params.numGroups).toBe(channels / 4);
    const [back, vars] = registry.fromIR(ir, 'linen') as [GroupNorm, object];
    expect(back).toMatchObject({ numGroups: channels / 4, groupSize: null });
    expect(vars).toEqual(variables);
  });

  it('without scale and bias re-imports, its channels from the threaded input', () => {
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([new GroupNorm(2, { useScale: false, useBias: false }), {}], 'linen', { sampleInput: [5, 8] }) as GroupNormIR;
    expect(ir.params).toMatchObject({ channels: 8, numGroups: 2 });
  });

  it("Linen's defaults and argument checks", () => {
    expect(new GroupNorm()).toMatchObject({ numGroups: 32, groupSize: null, epsilon: 1e-6 });
    expect(() => new GroupNorm(2, { groupSize: 4 })).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    expect(() => new GroupNorm(4, { useScale: false, useBias: false }).toIR({}, [6])).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
    expect(() => new GroupNorm(2).toIR({}, [6])).toThrow(/'params'/);
  });
});
