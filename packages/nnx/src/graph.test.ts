import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { flatState, merge, replaceByPureDict, split, state, toPureDict, update } from './graph.js';
import { Module } from './module.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import { Linear } from './modules/linear.js';
import { relu } from './modules/activation.js';
import { Sequential } from './modules/sequential.js';
import { Rngs } from './rngs.js';
import { BatchStat, Param } from './variables.js';
import { golden } from './__fixtures__/golden.js';
import type { LinearIR } from '@interop/core';
import { createRegistry } from '@interop/core';
import nnx from './index.js';

const paths = (s: object) => flatState(s as never).map(([p]) => p.join('/'));

describe('state, split, merge with NNX paths', () => {
  it("state(model): layers/<i>/..., gaps where functions sit, keys sorted within a module (the fixture's params order)", () => {
    const { model, fixture } = golden('sequential_conv_bn_dropout');
    const want = (fixture.manifest.params as Array<{ path: Array<string | number> }>).map((p) => p.path.join('/'));
    expect(paths(state(model))).toEqual(want);
  });

  it('more than ten layers: integer keys in numeric order in the state (the file sorts them as strings)', () => {
    const rngs = new Rngs(0);
    const model = new Sequential(...Array.from({ length: 11 }, () => new Linear(2, 2, { rngs })));
    expect(
      paths(state(model))
        .filter((p) => p.endsWith('kernel'))
        .map((p) => p.split('/')[1]),
    ).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('filters: Param and BatchStat', () => {
    const { model } = golden('sequential_conv_bn_dropout');
    expect(paths(state(model, BatchStat))).toEqual(['layers/1/mean', 'layers/1/var']);
    expect(paths(state(model, Param))).not.toContain('layers/1/mean');
    const [graphdef, params, stats] = split(model, Param, BatchStat);
    expect(graphdef.type).toBe('Sequential');
    expect(paths(params!).length + paths(stats!).length).toBe(paths(state(model)).length);
  });

  it('merge(graphdef, state) builds a separate model with the same values and output', () => {
    const { model, fixture } = golden('sequential_mlp');
    const [graphdef, s] = split(model);
    const copy = merge(graphdef, s!);
    expect(copy).not.toBe(model);
    expect(Array.from((copy.call(fixture.arrays.input!) as Tensor).data as Float32Array)).toEqual(
      Array.from((model.call(fixture.arrays.input!) as Tensor).data as Float32Array),
    );
    update(copy, { layers: { 0: { bias: Tensor.zeros([6], 'float32') } } });
    expect((((model as Sequential).layers[0] as Linear).bias!.value.data as Float32Array).some((v) => v !== 0)).toBe(true);
  });

  it('replaceByPureDict refuses a path the model lacks and a shape that differs, naming them', () => {
    const model = new Linear(3, 5, { rngs: new Rngs(0) });
    expect(() => replaceByPureDict(state(model), { kernal: Tensor.zeros([3, 5], 'float32') })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining("'kernal'") }),
    );
    expect(() => replaceByPureDict(state(model), { kernel: Tensor.zeros([5, 3], 'float32') })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
  });

  it('toPureDict holds the arrays; a BatchNorm of bfloat16 statistics keeps them (anchor test 68)', () => {
    const ir = {
      kind: 'batch-norm',
      params: { channels: 3, epsilon: 1e-5, momentum: 0.99 },
      tensors: { mean: Tensor.zeros([3], 'bfloat16'), var: Tensor.zeros([3], 'bfloat16'), scale: Tensor.zeros([3], 'bfloat16') },
    } as const;
    const bn = createRegistry()
      .use(nnx)
      .fromIR(ir as never, 'nnx') as BatchNorm;
    const pure = toPureDict(state(bn));
    expect([pure.mean, pure.var, pure.scale].map((t) => (t as Tensor).dtype)).toEqual(['bfloat16', 'bfloat16', 'bfloat16']);
  });
});

describe('containers the IR cannot hold', () => {
  class TwoLinears extends Module {
    readonly type = 'TwoLinears';
    a = new Linear(3, 3, { rngs: new Rngs(0) });
    b = new Linear(3, 3, { rngs: new Rngs(1) });
    toIR(): LinearIR {
      return this.a.toIR();
    }
  }
  class Scale extends Module {
    readonly type = 'Scale';
    factor = 2;
    toIR(): LinearIR {
      throw new Error('not reached');
    }
  }

  it('a module holding two Linears is an unsupported structure; one with only a number is unmapped', () => {
    const r = createRegistry().use(nnx);
    expect(() => r.toIR(new TwoLinears(), 'nnx')).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE' }));
    expect(() => r.toIR(new Scale(), 'nnx')).toThrow(expect.objectContaining({ code: 'E_UNMAPPED_LAYER' }));
    expect(paths(state(new TwoLinears()))).toEqual(['a/bias', 'a/kernel', 'b/bias', 'b/kernel']);
  });

  it('Conv input dilation with string padding is refused as lax refuses it', () => {
    expect(() => new Conv(3, 4, [3, 3], { rngs: new Rngs(0), inputDilation: 2 })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(new Sequential(relu).layers).toHaveLength(1);
  });
});
