import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Tensor } from '@interop/core';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import * as all from '../index.js';

const { brainstate, equinox, interop, jnp, linen, nnx } = all;

/** The Flax Linen MNIST example's CNN, written by real Flax (trees_linen/cnn), with its input and Flax's output. */
function linenCnn() {
  const fixture = loadFixture('trees_linen', 'cnn');
  const bytes = readFileSync(join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!));
  const { model } = all.interop.files('linen').read(new Uint8Array(bytes), 'msgpack', fixture.manifest.spec);
  const [module, variables] = model as all.ModelOf<'linen'>;
  return { module, variables, x: fixture.arrays.input!, y: fixture.arrays.output! };
}

const close = (a: unknown, b: Tensor) => jnp.allclose(a as Tensor, b, { atol: 1e-5, rtol: 1e-5 });

describe('the seed API on module trees', () => {
  it('fromLinen takes a tree and gives a BrainState ModuleTree computing what Flax computed', () => {
    const { module, variables, x, y } = linenCnn();
    expect(module).toBeInstanceOf(linen.ModuleTree);
    const tree = interop.fromLinen(module, variables, { sampleInput: x.shape.slice(1) });
    expect(tree).toBeInstanceOf(brainstate.ModuleTree);
    expect(interop.frameworkOf(tree)).toBe('brainstate');
    expect(Object.keys((tree as unknown as { children: object }).children)).toEqual(['Conv_0', 'Conv_1', 'Dense_0', 'Dense_1']);
    expect(
      close(
        brainstate.environ.context({ fit: false }, () => (tree as { call(x: Tensor): Tensor }).call(x)),
        y,
      ),
    ).toBe(true);
  });

  it('toNnx takes a BrainState tree; convert takes the NNX tree on to Equinox (flatten reordered)', () => {
    const { module, variables, x, y } = linenCnn();
    const sampleInput = x.shape.slice(1);
    const bst = interop.fromLinen(module, variables, { sampleInput });
    const tree = interop.toNnx(bst, { rngs: new nnx.Rngs(0) }) as InstanceType<typeof nnx.ModuleTree>;
    expect(tree).toBeInstanceOf(nnx.ModuleTree);
    tree.eval();
    expect(close(tree.call(x), y)).toBe(true);
    const eqx = interop.convert(tree, { to: 'equinox', sampleInput });
    expect(eqx).toBeInstanceOf(equinox.ModuleTree);
    expect(close(all.interop.files('equinox').forward(eqx, x), y)).toBe(true);
    // Back to Linen through the IR: the same variables as Flax's, array for array.
    const [, back] = interop.convert(eqx, { to: 'linen', sampleInput }) as [unknown, { params: Record<string, Record<string, Tensor>> }];
    const original = variables as { params: Record<string, Record<string, Tensor>> };
    for (const layer of ['Conv_0', 'Conv_1', 'Dense_0', 'Dense_1']) {
      for (const name of ['kernel', 'bias'])
        expect(Array.from(back.params[layer]![name]!.toFloat64())).toEqual(Array.from(original.params[layer]![name]!.toFloat64()));
    }
  });
});

describe('the guide: a template filled through the API', () => {
  it("fitToTemplate puts the Linen weights into the NNX class, whose forward is Linen's renamed", () => {
    const read = (name: string, framework: string) => {
      const f = loadFixture('trees_cli', name);
      const bytes = new Uint8Array(readFileSync(join(dirname(f.path), (f.manifest.files as Record<string, string>).checkpoint!)));
      return { f, bytes, files: all.interop.files(framework) };
    };
    const source = read('linen_cnn', 'linen');
    const [cnn, variables] = source.files.read(source.bytes, 'msgpack', source.f.manifest.spec).model as [unknown, unknown];
    const sampleInput = [12, 12, 1];
    const t = read('nnx_cnn_template', 'nnx');
    const template = t.files.read(t.bytes, 'msgpack', undefined).model;
    const { ir, pairs } = all.fitToTemplate(interop.toIR([cnn, variables], 'linen', { sampleInput }), interop.toIR(template, 'nnx'));
    expect(pairs.map((p) => `${p.source} -> ${p.template}`)).toEqual([
      'Conv_0 -> conv1',
      'Conv_1 -> conv2',
      'Dense_0 -> linear1',
      'Dense_1 -> linear2',
    ]);
    const filled = interop.fromIR(ir, 'nnx', { sampleInput }) as InstanceType<typeof nnx.ModuleTree>;
    expect(Object.keys(filled.children)).toEqual(['conv1', 'conv2', 'linear1', 'linear2']);
    const { input, output } = source.f.arrays as Record<string, Tensor>;
    expect(close(all.interop.files('nnx').forward(filled, input!), output!)).toBe(true);
  });
});
