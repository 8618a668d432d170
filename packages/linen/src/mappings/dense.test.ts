import { InteropError, Tensor } from '@interop/core';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { Dense } from '../modules/dense.js';
import { dense } from './dense.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';
import { bitsOf, linenInit } from '../__fixtures__/random-init.js';
import { key } from '@interop/runtime';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const { module, variables, fixture } = golden('dense');
const noBias = golden('dense_no_bias');

tester.run(dense, {
  valid: [
    { name: 'Flax checkpoint, with bias', layer: new LinenNode(module, variables), input: fixture.arrays.input },
    { name: 'Flax checkpoint, no bias', layer: new LinenNode(noBias.module, noBias.variables), input: noBias.fixture.arrays.input },
  ],
});

describe('Dense against flax.linen', () => {
  it.each(['dense', 'dense_no_bias', 'dense_batch_dims'])('%s: output and msgpack bytes', (name) => expectGolden(name));

  it('refuses variables without their params level, saying so', () => {
    const inner = variables.params!;
    let err: unknown;
    try {
      new Dense(5).apply(inner as never, fixture.arrays.input!);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InteropError);
    expect((err as InteropError).code).toBe('E_INVALID_ARGUMENT');
    expect((err as Error).message).toContain("'params'");
  });

  it('init(key(0), x) equals Python bit for bit (kernel at index 1, bias zeros)', () => {
    const want = linenInit('dense_8');
    const v = new Dense(8).init(key(0), Tensor.zeros([1, 4], 'float32'));
    expect(bitsOf(v.params!.kernel as Tensor)).toEqual(want.kernel!.bits);
    expect(bitsOf(v.params!.bias as Tensor)).toEqual(want.bias!.bits);
  });
});
