import { createRegistry, isInteropError, sliceAxis } from '@interop/core';
import type { GRUCellIR, IRNode, LayerIR, Tensor } from '@interop/core';
import { runCell, runIR } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import nnx from './index.js';
import { readState, writeState } from './files.js';
import type { AnyModule } from './module.js';
import { Linear } from './modules/linear.js';
import { relu } from './modules/activation.js';
import { Sequential } from './modules/sequential.js';
import { Rngs } from './rngs.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';
import { expectClose, golden } from './__fixtures__/golden.js';

const registry = () => createRegistry().use(nnx);
const step = (t: Tensor, i: number) => {
  const s = sliceAxis(t, 0, i, i + 1);
  return s.reshape(s.shape.slice(1));
};

// NNX models brainstate.interop refuses to import (refuse_import_nnx_*): read here into the IR, which
// computes the NNX output. Only a channel count that contradicts the sample input stays refused.
const refused = listFixtures('anchor').filter(
  (n) => n.startsWith('refuse_import_nnx_') && !n.endsWith('empty_sequential') && !n.endsWith('channel_mismatch'),
);

describe('NNX models the anchor refuses, read here', () => {
  it.each(refused)('%s', (name) => {
    const anchor = loadFixture('anchor', name);
    // The anchor's own file loads into the spec's model; the numbers come from the golden case of that model.
    readState(moduleFromSpec(anchor.manifest.spec as ModuleSpec), anchor.file('source'));
    const source = golden((anchor.manifest.source_case as string).split('/')[1]!);
    const model = source.model;
    const sample = anchor.manifest.sample_input as number[] | null;
    const ir = registry().toIR(model, 'nnx', sample ? { sampleInput: sample } : {}) as LayerIR;
    const a = source.fixture.arrays;
    const tol = source.fixture.manifest.tolerance!;
    if (ir.kind === 'gru-cell') {
      let h = a.carry0_h!;
      for (let t = 0; t < a.input!.shape[0]!; t++) {
        h = runCell(ir as GRUCellIR, step(a.input!, t), { h }).h;
        expectClose(h, step(a.output!, t), tol);
      }
    } else {
      expectClose(runIR(ir, a.input!), a.output!, tol);
    }
  });

  it('a channel count that disagrees with the sample input is refused (refuse_import_nnx_conv_channel_mismatch)', () => {
    const anchor = loadFixture('anchor', 'refuse_import_nnx_conv_channel_mismatch');
    const model = readState(moduleFromSpec(anchor.manifest.spec as ModuleSpec), anchor.file('source'));
    expect(() => registry().toIR(model, 'nnx', { sampleInput: anchor.manifest.sample_input as number[] })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
    const { model: linear } = golden('linear');
    expect(() => registry().toIR(linear, 'nnx', { sampleInput: [4] })).toThrow(expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }));
  });

  it('an empty Sequential is refused as a structure, and calling one returns its input (as NNX does)', () => {
    expect(() => registry().toIR(new Sequential(), 'nnx')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE' }));
    const x = golden('linear').fixture.arrays.input!;
    expect(new Sequential().call(x)).toBe(x);
  });

  it('a plain function inside a Sequential runs but does not convert', () => {
    const rngs = new Rngs(0);
    const model = new Sequential(new Linear(3, 2, { rngs }), (x: Tensor) => x);
    const x = golden('linear').fixture.arrays.input!;
    expect(model.call(x).shape).toEqual([x.shape[0], 2]);
    let err: unknown;
    try {
      registry().toIR(model, 'nnx');
    } catch (e) {
      err = e;
    }
    expect(isInteropError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('E_UNMAPPED_LAYER');
  });
});

// Every golden model through the IR and back: the rebuilt NNX model has the same state paths,
// values and dtypes (its msgpack file is Flax's, byte for byte) and the same output.
const stacks = [
  'linear',
  'linear_bf16',
  'conv2d_input_dilation',
  'conv1d_causal',
  'conv2d_reflect',
  'embed_bf16',
  'groupnorm_group_size',
  'batchnorm_bf16',
  'rmsnorm_f16',
  'layernorm_no_scale',
  'sequential_conv_bn_dropout',
  'sequential_mlp',
  'sequential_nested',
  'sequential_notebook',
  'dropout_deterministic',
];

describe('NNX → IR → NNX', () => {
  it.each(stacks)('%s: same file bytes and output', (name) => {
    const { model, bytes, fixture } = golden(name);
    const input = fixture.arrays.input!;
    const ir = registry().toIR(model, 'nnx', { sampleInput: input.shape.slice(1) }) as IRNode;
    const rebuilt = registry().fromIR(ir, 'nnx') as AnyModule;
    expect(Buffer.from(writeState(rebuilt)).equals(Buffer.from(bytes))).toBe(true);
    expectClose(rebuilt.call(input) as Tensor, fixture.arrays.output!, fixture.manifest.tolerance!);
  });

  it('nested Sequentials flatten into one stack whose activations convert', () => {
    const { model } = golden('sequential_mlp');
    const ir = registry().toIR(model, 'nnx') as { kind: string; layers: LayerIR[] };
    expect(ir.layers.map((l) => l.kind)).toEqual(['linear', 'activation', 'layer-norm', 'linear']);
    expect((registry().fromIR(ir as IRNode, 'nnx') as Sequential).layers[1]).toMatchObject({ fn: relu.fn });
  });
});

describe('the adapter', () => {
  it('owns NNX modules, and only them', () => {
    const r = registry();
    expect(r.frameworkOf(new Linear(3, 5, { rngs: new Rngs(0) }))).toBe('nnx');
    expect(r.frameworkOf(new Sequential())).toBe('nnx');
    expect(nnx.adapter.owns!({ kernel: 1 })).toBe(false);
    expect(nnx.adapter.owns!(relu)).toBe(true);
  });
});
