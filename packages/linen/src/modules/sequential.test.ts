import { Tensor, createRegistry } from '@interop/core';
import type { SequentialIR } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import linen from '../index.js';
import { relu } from './activation.js';
import { Dense } from './dense.js';
import { Sequential } from './sequential.js';
import { expectGolden, golden } from '../__fixtures__/golden.js';
import { bitsOf, linenInit } from '../__fixtures__/random-init.js';
import type { Variables, VariableTree } from '../variables.js';

const cases = ['sequential_conv_bn_dropout', 'sequential_mlp', 'sequential_nested', 'sequential_notebook'];

describe('Sequential against flax.linen', () => {
  it.each(cases)('%s: output and msgpack bytes', (name) => expectGolden(name));

  it.each(cases)('%s: to the IR and back, same variables and output', (name) => {
    const { module, variables, fixture } = golden(name);
    const input = fixture.arrays.input!;
    const registry = createRegistry().use(linen);
    const ir = registry.toIR([module, variables], 'linen', { sampleInput: input.shape.slice(1) });
    expect(ir.kind).toBe('sequential');
    const [back, vars] = registry.fromIR(ir, 'linen') as [Sequential, Variables];
    expect(vars).toEqual(variables);
    expect(Array.from(back.apply(vars, input).data as Float32Array)).toEqual(
      Array.from(module.apply(variables, input).data as Float32Array),
    );
  });

  it('activations take an index: [Dense, relu, Dense] names layers_0 and layers_2', () => {
    const { module, variables } = golden('sequential_mlp');
    expect(Object.keys(variables.params!)).toEqual(['layers_0', 'layers_2', 'layers_3']);
    expect((module as Sequential).layers[1]).toMatchObject({ fn: 'relu' });
    const ir = createRegistry()
      .use(linen)
      .toIR([module, variables], 'linen', { sampleInput: [golden('sequential_mlp').fixture.arrays.input!.shape[1]!] });
    expect((ir as SequentialIR).layers.map((l) => l.kind)).toEqual(['linear', 'activation', 'layer-norm', 'linear']);
  });

  it('init(key(0), x) equals Python bit for bit through the child scopes', () => {
    const want = linenInit('sequential');
    const v = new Sequential([new Dense(8), relu, new Dense(3)]).init(key(0), Tensor.zeros([1, 4], 'float32'));
    for (const [path, enc] of Object.entries(want)) {
      const [child, name] = path.split('/') as [string, string];
      expect(bitsOf((v.params![child] as VariableTree)[name] as Tensor)).toEqual(enc.bits);
    }
  });
});
