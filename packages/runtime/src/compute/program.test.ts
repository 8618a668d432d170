import type { ForwardStep, IRNode, LayerIR, LinearIR, ModuleIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveMatmul } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { lastRun, runIR, runProgram } from './index.js';

const code = (c: string, path?: string) => expect.objectContaining(path === undefined ? { code: c } : { code: c, path });
const relu: IRNode = { kind: 'activation', params: { fn: 'relu' }, tensors: {} };
const flatten: IRNode = { kind: 'flatten', params: {}, tensors: {} };
const linear = (i: number, o: number, seed: number): LinearIR => ({
  kind: 'linear',
  params: { inFeatures: i, outFeatures: o },
  tensors: { kernel: randn([i, o], seed), bias: randn([o], seed + 1) },
});
const dense = (x: ArrayLike<number>, ir: LinearIR, rows: number) =>
  naiveMatmul(x, ir.tensors.kernel!.toFloat64(), rows, ir.params.inFeatures, ir.params.outFeatures, ir.tensors.bias!.toFloat64());
const reluOf = (v: ArrayLike<number>) => Array.from(v, (a) => Math.max(a, 0));
const tol = (b: (typeof NODE_BACKENDS)[number]) => (b === 'reference' ? 'tiled' : b);

describe.each(NODE_BACKENDS)('runProgram on %s', (backend) => {
  const fc1 = linear(6, 4, 10);
  const fc2 = linear(4, 4, 20);
  const children: Record<string, LayerIR> = { fc1, fc2 };
  const callChild = (name: string, h: Tensor) => runIR(children[name]!, h, { backend });
  const x = randn([2, 3, 2], 1);

  it('calls children, applies ops and adds a residual', () => {
    const steps: ForwardStep[] = [{ op: flatten }, { call: 'fc1' }, { residual: [{ op: relu }, { call: 'fc2' }] }];
    const y = runProgram(steps, x, callChild, { backend });
    const h = dense(x.data, fc1, 2);
    const r = dense(reluOf(h), fc2, 2);
    expectClose(
      y,
      Array.from(h, (v, i) => v + r[i]!),
      tol(backend),
      [2, 4],
    );
    expect(lastRun()).toMatchObject({ backend, kind: 'program' });
    expect(lastRun()!.engines.length).toBeGreaterThan(0);
  });

  it('a shortcut replaces the identity skip', () => {
    const steps: ForwardStep[] = [{ op: flatten }, { residual: [{ call: 'fc1' }], shortcut: [{ call: 'fc1' }, { op: relu }] }];
    const h = dense(x.data, fc1, 2);
    expectClose(
      runProgram(steps, x, callChild, { backend }),
      Array.from(h, (v) => v + Math.max(v, 0)),
      tol(backend),
      [2, 4],
    );
  });
});

describe('runProgram checks', () => {
  const x = randn([2, 4], 1);
  const id = (_: string, h: Tensor) => h;

  it('refuses a residual whose branches differ in shape, a weighted op and a malformed step', () => {
    const bad: ForwardStep[] = [{ residual: [{ op: { kind: 'reshape', params: { shape: [2, 2] }, tensors: {} } }] }];
    expect(() => runProgram(bad, x, id, { backend: 'reference' })).toThrow(code('E_SHAPE_MISMATCH', 'forward/0'));
    expect(() => runProgram([{ op: linear(4, 2, 3) }], x, id)).toThrow(code('E_INVALID_IR', 'forward/0'));
    expect(() => runProgram([{ jump: 1 } as unknown as ForwardStep], x, id)).toThrow(code('E_INVALID_IR', 'forward/0'));
    expect(() => runProgram([{ call: 'a' }], x, () => 3 as unknown as Tensor)).toThrow(code('E_INVALID_ARGUMENT'));
    expect(() => runProgram([], [1] as unknown as Tensor, id)).toThrow(code('E_INVALID_ARGUMENT'));
  });

  it('locates errors of a child at its name and reports the child engines', () => {
    const fc = linear(3, 2, 5);
    expect(() => runProgram([{ call: 'fc' }], x, (_, h) => runIR(fc, h))).toThrow(code('E_SHAPE_MISMATCH', 'fc'));
    runProgram([{ call: 'fc' }, { op: relu }], randn([1, 3], 2), (_, h) => runIR(fc, h, { backend: 'tiled' }), { backend: 'gpu.js-cpu' });
    expect(lastRun()!.engines.sort()).toEqual(['CPUKernel', 'typescript-float32-tiled']);
  });

  it('hands float64 values to children on the reference backend', () => {
    const seen: string[] = [];
    runProgram([{ op: relu }, { call: 'a' }], x, (_, h) => (seen.push(h.dtype), h), { backend: 'reference' });
    runProgram([{ op: relu }, { call: 'a' }], x, (_, h) => (seen.push(h.dtype), h), { backend: 'tiled' });
    expect(seen).toEqual(['float64', 'float32']);
  });
});

describe.each(NODE_BACKENDS)('runIR on a module tree on %s', (backend) => {
  const fc1 = linear(6, 4, 30);
  const fc2 = linear(4, 3, 40);
  const inner: ModuleIR = {
    kind: 'module',
    params: { name: 'Head' },
    tensors: {},
    children: [{ name: 'out', node: fc2 }],
    forward: [{ op: relu }, { call: 'out' }],
  };
  const tree: ModuleIR = {
    kind: 'module',
    params: { name: 'Net' },
    tensors: {},
    children: [
      { name: 'blocks', items: [fc1, relu as LayerIR] },
      { name: 'head', node: inner },
    ],
    forward: [{ op: flatten }, { call: 'blocks' }, { call: 'head' }],
  };

  it('runs list children in order and nested modules through their forward', () => {
    const x = randn([2, 2, 3], 7);
    const h = reluOf(dense(x.data, fc1, 2));
    expectClose(runIR(tree, x, { backend }), dense(reluOf(h), fc2, 2), tol(backend), [2, 3]);
    expect(lastRun()).toMatchObject({ backend, kind: 'module' });
  });

  it('locates errors inside children and refuses a module without a forward', () => {
    expect(() => runIR(tree, randn([2, 7], 1), { backend })).toThrow(code('E_SHAPE_MISMATCH', 'blocks/0'));
    const broken: ModuleIR = {
      ...tree,
      children: [tree.children[0]!, { name: 'head', node: { ...inner, forward: [{ call: 'nope' }] } as ModuleIR }],
    };
    expect(() => runIR(broken, randn([2, 6], 1), { backend })).toThrow(code('E_INVALID_IR', 'head'));
    expect(() => runIR({ ...tree, forward: undefined }, randn([2, 6], 1), { backend })).toThrow(code('E_MISSING_ARCH'));
  });
});
