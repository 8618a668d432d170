// A plugin's own kind runs in the runtime through its definition's `run` when the caller hands
// the kinds on (runIR / runProgram / verify with { kinds }), inside stacks and module trees too.
import { BUILTIN_IR_KINDS, Tensor, defineKind } from '@interop/core';
import type { IRNode, LinearIR, ModuleIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveMatmul } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { KERNELS } from './layers/kernels.js';
import { runIR, runProgram, verify } from './index.js';

const shiftKind = defineKind({
  kind: 'shift',
  description: 'Adds a per-feature offset',
  params: { features: 'int' },
  tensors: { offset: 'required' },
  outputShape: (_ir, input) => [...input],
  run(ir, x) {
    const offset = ir.tensors.offset!.toFloat64();
    return new Tensor(
      'float64',
      x.shape,
      Float64Array.from(x.toFloat64(), (v, i) => v + offset[i % offset.length]!),
    );
  },
});
const negateKind = defineKind({
  kind: 'negate',
  description: 'Negates every value',
  params: {},
  tensors: {},
  stateless: true,
  run: (_ir, x) =>
    new Tensor(
      'float32',
      x.shape,
      Float32Array.from(x.toFloat32(), (v) => -v),
    ),
});
const kinds = { negate: negateKind, shift: shiftKind };

const offset = Tensor.fromArray([0.5, -1, 2], [3], 'float32');
const shift: IRNode = { kind: 'shift', params: { features: 3 }, tensors: { offset } };
const negate: IRNode = { kind: 'negate', params: {}, tensors: {} };
const fc: LinearIR = { kind: 'linear', params: { inFeatures: 3, outFeatures: 2 }, tensors: { kernel: randn([3, 2], 3) } };
const x = randn([4, 3], 1);
const shifted = Array.from(x.toFloat64(), (v, i) => v + offset.toFloat64()[i % 3]!);

describe('the kernel table', () => {
  it('has a kernel for every built-in kind and nothing else', () => {
    expect(Object.keys(KERNELS).sort()).toEqual([...BUILTIN_IR_KINDS].sort());
  });
});

describe.each(NODE_BACKENDS)('a plugin kind on %s', (backend) => {
  it('runs alone and inside a stack, through its definition', () => {
    expectClose(runIR(shift, x, { backend, kinds }), shifted, backend === 'reference' ? 'tiled' : backend, [4, 3]);
    const stack = { kind: 'sequential', params: {}, tensors: {}, layers: [shift, fc] } as IRNode;
    expectClose(
      runIR(stack, x, { backend, kinds }),
      naiveMatmul(shifted, fc.tensors.kernel!.toFloat64(), 4, 3, 2),
      backend === 'reference' ? 'tiled' : backend,
      [4, 2],
    );
  });

  it('runs as a child and, when stateless, as an { op } step of a module', () => {
    const tree = {
      kind: 'module',
      params: { name: 'Net' },
      tensors: {},
      children: [{ name: 'shift', node: shift }],
      forward: [{ call: 'shift' }, { op: negate }],
    } as ModuleIR;
    expectClose(
      runIR(tree, x, { backend, kinds }),
      shifted.map((v) => -v),
      backend === 'reference' ? 'tiled' : backend,
      [4, 3],
    );
    expectClose(
      runProgram([{ op: negate }], x, () => x, { backend, kinds }),
      Array.from(x.toFloat64(), (v) => -v),
      backend === 'reference' ? 'tiled' : backend,
      [4, 3],
    );
  });

  it('verify runs it and compares with the layer’s own forward', () => {
    const own = (input: Tensor) =>
      new Tensor(
        'float32',
        input.shape,
        Float32Array.from(input.toFloat32(), (v, i) => v + [0.5, -1, 2][i % 3]!),
      );
    expect(verify(shift, own, [x], { backend, kinds, atol: 1e-6 }).pass).toBe(true);
  });
});

describe('a plugin kind the runtime cannot run', () => {
  it('is refused without its definition, saying how to pass it', () => {
    expect(() => runIR(shift, x)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_IR', message: expect.stringMatching(/Unknown IR kind "shift".*registry\.kinds\(\)/) }),
    );
  });

  it('is refused without a run, a required tensor, or a stateless definition in an { op } step', () => {
    const bare = defineKind({ kind: 'shift', description: 'd', params: {}, tensors: { offset: 'required' } });
    expect(() => runIR(shift, x, { kinds: { shift: bare } })).toThrow(/has no kernel for IR kind "shift", and its definition has no run/);
    expect(() => runIR({ ...shift, tensors: {} }, x, { kinds })).toThrow(/The shift IR has no "offset" tensor/);
    expect(() => runProgram([{ op: shift }], x, () => x, { kinds })).toThrow(/must be a stateless kind, not "shift"/);
  });

  it('has its input and tensors scanned for NaN on request', () => {
    const nan = { ...shift, tensors: { offset: Tensor.fromArray([0, NaN, 0], [3], 'float32') } };
    expect(() => runIR(nan, x, { kinds, checkNaN: true })).toThrow(expect.objectContaining({ code: 'E_NAN' }));
    expect(() => runIR(nan, x, { kinds })).not.toThrow();
  });
});
