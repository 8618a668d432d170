import { Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { createMappingTester } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { LinenNode } from '../adapter.js';
import { Embed } from '../modules/embed.js';
import { embed } from './embed.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';
import { bitsOf, linenInit } from '../__fixtures__/random-init.js';

const tester = createMappingTester({ runLayer: (node: LinenNode, x) => node.module.apply(node.variables, x) });
const { module, variables, fixture } = golden('embed');

tester.run(embed, { valid: [{ name: 'Flax checkpoint', layer: new LinenNode(module, variables), input: fixture.arrays.input }] });

describe('Embed against flax.linen', () => {
  it('embed: output and msgpack bytes', () => expectGolden('embed'));

  it('init(key(0), ids) equals Python bit for bit', () => {
    const v = new Embed(10, 6).init(key(0), Tensor.zeros([1, 3], 'int32'));
    expect(bitsOf(v.params!.embedding as Tensor)).toEqual(linenInit('embed_10_6').embedding!.bits);
  });
});
