import { describe, expect, it } from 'vitest';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { TModule, treeCL } from '../__fixtures__/toy-tree.js';
import { forwardFromSpec } from '../ir/forward-spec.js';
import type { ConvIR, LinearIR } from '../ir/kinds.js';
import type { ModuleChild, ModuleIR } from '../ir/module.js';
import { createRegistry } from '../registry/registry.js';
import type { IRNode } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';
import { fitToTemplate } from './template.js';

const linear = (inF: number, outF: number, seed = 1, bias = true): LinearIR => ({
  kind: 'linear',
  params: { inFeatures: inF, outFeatures: outF },
  tensors: { kernel: filled([inF, outF], 'float32', seed), ...(bias ? { bias: filled([outF], 'float32', seed + 50) } : {}) },
});
const conv = (inF: number, outF: number, seed = 1, extra: Partial<ConvIR['params']> = {}): ConvIR => ({
  kind: 'conv',
  params: {
    inFeatures: inF,
    outFeatures: outF,
    kernelSize: [3, 3],
    strides: [1, 1],
    padding: 'SAME',
    paddingMode: 'zeros',
    inputDilation: [1, 1],
    kernelDilation: [1, 1],
    featureGroups: 1,
    ...extra,
  },
  tensors: { kernel: filled([3, 3, inF, outF], 'float32', seed), bias: filled([outF], 'float32', seed + 50) },
});
const norm = (c: number, seed = 1, momentum = 0.99): IRNode => ({
  kind: 'batch-norm',
  params: { channels: c, epsilon: 1e-5, momentum },
  tensors: {
    mean: filled([c], 'float32', seed),
    var: filled([c], 'float32', seed + 1).astype('float32'),
    scale: filled([c], 'float32', seed + 2),
    bias: filled([c], 'float32', seed + 3),
  },
});
const module = (name: string, children: Record<string, IRNode | IRNode[]>, forward?: unknown[]): ModuleIR => ({
  kind: 'module',
  params: { name },
  tensors: {},
  children: Object.entries(children).map(([n, c]): ModuleChild => (Array.isArray(c) ? { name: n, items: c } : { name: n, node: c })),
  ...(forward ? { forward: forwardFromSpec(forward) } : {}),
});
const child = (m: IRNode, name: string): IRNode => ((m as ModuleIR).children.find((c) => c.name === name) as { node: IRNode }).node;
const values = (t: Tensor | undefined) => Array.from(t!.toFloat64());
const pool = { fn: 'avg_pool', window_shape: [2, 2], strides: [2, 2] };

/** The Flax Linen MNIST example's CNN, as its variables name it. */
const linenCnn = () =>
  module('CNN', { Conv_0: conv(1, 4, 1), Conv_1: conv(4, 8, 2), Dense_0: linear(72, 16, 3), Dense_1: linear(16, 10, 4) }, [
    'Conv_0',
    { fn: 'relu' },
    pool,
    'Conv_1',
    { fn: 'relu' },
    pool,
    { fn: 'flatten' },
    'Dense_0',
    { fn: 'relu' },
    'Dense_1',
  ]);
/** The NNX tutorial's CNN, freshly initialised (other values), as inferred from its state: no forward. */
const nnxTemplate = () =>
  module('CNN', { conv1: conv(1, 4, 9), conv2: conv(4, 8, 8), linear1: linear(72, 16, 7), linear2: linear(16, 10, 6) });

describe('fitToTemplate', () => {
  it("fills the template's names with the source's weights, pairing in order by kind and shape", () => {
    const source = linenCnn();
    const { ir, pairs } = fitToTemplate(source, nnxTemplate());
    expect(pairs.map((p) => `${p.source} -> ${p.template}`)).toEqual([
      'Conv_0 -> conv1',
      'Conv_1 -> conv2',
      'Dense_0 -> linear1',
      'Dense_1 -> linear2',
    ]);
    expect((ir as ModuleIR).children.map((c) => c.name)).toEqual(['conv1', 'conv2', 'linear1', 'linear2']);
    expect(values(child(ir, 'conv2').tensors.kernel as Tensor)).toEqual(values(child(source, 'Conv_1').tensors.kernel as Tensor));
    expect(values(child(ir, 'linear2').tensors.bias as Tensor)).toEqual(values(child(source, 'Dense_1').tensors.bias as Tensor));
    // The template had no forward: the source's, with the template's names.
    expect((ir as ModuleIR).forward?.filter((s) => 'call' in s)).toEqual([
      { call: 'conv1' },
      { call: 'conv2' },
      { call: 'linear1' },
      { call: 'linear2' },
    ]);
    expect((ir as ModuleIR).forward).toHaveLength(10);
  });

  it('finds each layer by shape when the template is sorted by name (NNX, BrainState)', () => {
    const source = module(
      'AE',
      {
        encoder: module('Encoder', { fc1: linear(8, 16, 1), fc2: linear(16, 4, 2) }, ['fc1', { fn: 'relu' }, 'fc2']),
        decoder: module('Decoder', { fc1: linear(4, 16, 3), fc2: linear(16, 8, 4) }, ['fc1', { fn: 'relu' }, 'fc2']),
      },
      ['encoder', 'decoder'],
    );
    const template = module('AE', {
      dec: module('Decoder', { a: linear(4, 16, 5), b: linear(16, 8, 6) }),
      enc: module('Encoder', { a: linear(8, 16, 7), b: linear(16, 4, 8) }),
    });
    const { ir, pairs } = fitToTemplate(source, template);
    expect(pairs.map((p) => `${p.source} -> ${p.template}`)).toEqual([
      'decoder/fc1 -> dec/a',
      'decoder/fc2 -> dec/b',
      'encoder/fc1 -> enc/a',
      'encoder/fc2 -> enc/b',
    ]);
    // Nested modules get their part of the source's forward program.
    const root = ir as ModuleIR;
    expect(root.forward).toEqual([{ call: 'enc' }, { call: 'dec' }]);
    expect((child(ir, 'enc') as ModuleIR).forward?.map((s) => ('call' in s ? s.call : 'op'))).toEqual(['a', 'op', 'b']);
  });

  it('refuses a template that does not fit with every mismatch in one E_SHAPE_MISMATCH', () => {
    const template = module('CNN', { conv1: conv(1, 6, 9), conv2: conv(6, 8, 8), linear1: linear(72, 16, 7) });
    const error = catchError(() => fitToTemplate(linenCnn(), template));
    expect(error.code).toBe('E_SHAPE_MISMATCH');
    expect(error.message).toMatch(/3 mismatches/);
    expect(error.message).toContain('Conv_0 -> conv1 (conv): kernel [3, 3, 1, 4] vs [3, 3, 1, 6], bias [4] vs [6]');
    expect(error.message).toContain('Conv_1 -> conv2 (conv): kernel [3, 3, 4, 8] vs [3, 3, 6, 8]');
    expect(error.message).toContain('Dense_1 (linear, kernel [16, 10], bias [10]) -> (none): no template layer is left for it');
    expect(error.message).toMatch(/pairs that fit: Dense_0 -> linear1/);
    expect(
      catchError(() =>
        fitToTemplate(
          linenCnn(),
          module('CNN', { conv1: conv(1, 4), conv2: conv(4, 8), linear1: linear(72, 16), norm: norm(16), linear2: linear(16, 10) }),
        ),
      ).message,
    ).toContain('(none) -> norm (batch-norm): no batch-norm layer of the source is left for it');
  });

  it('--rename pairs layers by name instead of by order', () => {
    const source = module('Twin', { a: linear(4, 4, 1), b: linear(4, 4, 2) }, ['a', { fn: 'relu' }, 'b']);
    const template = module('Twin', { first: linear(4, 4, 3), second: linear(4, 4, 4) });
    const plain = fitToTemplate(source, template);
    expect(plain.pairs.map((p) => p.source)).toEqual(['a', 'b']);
    const swapped = fitToTemplate(source, template, {
      renames: [
        [/^a$/, 'second'],
        [/^b$/, 'first'],
      ],
    });
    expect(swapped.pairs.map((p) => `${p.source} -> ${p.template} ${p.renamed}`)).toEqual(['b -> first true', 'a -> second true']);
    expect(values(child(swapped.ir, 'second').tensors.kernel as Tensor)).toEqual(values(child(source, 'a').tensors.kernel as Tensor));
    expect((swapped.ir as ModuleIR).forward?.filter((s) => 'call' in s)).toEqual([{ call: 'second' }, { call: 'first' }]);
    // Groups work as String.replace does them.
    const linen = module('M', { Dense_0: linear(4, 4, 1), Dense_1: linear(4, 4, 2) });
    const byGroup = fitToTemplate(linen, module('M', { fc1: linear(4, 4), fc0: linear(4, 4) }), { renames: [[/^Dense_(\d)$/, 'fc$1']] });
    expect(byGroup.pairs.map((p) => `${p.source} -> ${p.template}`)).toEqual(['Dense_1 -> fc1', 'Dense_0 -> fc0']);
    const missing = catchError(() => fitToTemplate(source, template, { renames: [[/^a$/, 'third']] }));
    expect(missing.message).toContain('a -> third (renamed): the template has no layer third');
  });

  it("takes the template's dtypes where the cast is exact, and refuses one that rounds", () => {
    const source = module('M', { fc: linear(4, 2, 1) });
    const half = module('M', {
      fc: { ...linear(4, 2), tensors: { kernel: Tensor.zeros([4, 2], 'float16'), bias: Tensor.zeros([2], 'float16') } } as IRNode,
    });
    const fitted = child(fitToTemplate(source, half).ir, 'fc');
    expect((fitted.tensors.kernel as Tensor).dtype).toBe('float16');
    expect(values(fitted.tensors.kernel as Tensor)).toEqual(values(child(source, 'fc').tensors.kernel as Tensor));
    const third = module('M', {
      fc: {
        ...linear(4, 2),
        tensors: { kernel: Tensor.fromArray(new Array(8).fill(1 / 3), [4, 2], 'float32'), bias: Tensor.zeros([2], 'float32') },
      } as IRNode,
    });
    expect(catchError(() => fitToTemplate(third, half)).message).toContain(
      'fc -> fc (linear): kernel float32 does not fit float16 exactly',
    );
  });

  it('fills a bias or scale the source lacks with 0 or 1, drops a zero one, refuses any other', () => {
    const noBias = module('M', { conv: { ...conv(1, 2), tensors: { kernel: filled([3, 3, 1, 2]) } } as IRNode });
    const fitted = child(fitToTemplate(noBias, module('M', { c: conv(1, 2) })).ir, 'c');
    expect(values(fitted.tensors.bias as Tensor)).toEqual([0, 0]);
    const zero = module('M', {
      conv: { ...conv(1, 2), tensors: { kernel: filled([3, 3, 1, 2]), bias: Tensor.zeros([2], 'float32') } } as IRNode,
    });
    expect(Object.keys(child(fitToTemplate(zero, noBias).ir, 'conv').tensors)).toEqual(['kernel']);
    expect(catchError(() => fitToTemplate(module('M', { c: conv(1, 2) }), noBias)).message).toContain(
      'c -> conv (conv): bias in the source only',
    );
  });

  it('with exact template params, refuses those that change the computation and keeps the rest', () => {
    const source = module('M', { c: conv(1, 2, 1, { strides: [2, 2] }), bn: norm(2, 1, 0.9) });
    const template = module('M', { c: conv(1, 2, 1), bn: norm(2, 1, 0.99) });
    expect(fitToTemplate(source, template).ir).toBeTruthy();
    expect(catchError(() => fitToTemplate(source, template, { exactParams: true })).message).toContain(
      'c -> c (conv): strides [2,2] vs [1,1] in the template',
    );
    // SAME is [[1, 1], [1, 1]] for a 3x3 stride-1 conv; momentum does not change inference.
    const same = module('M', { c: conv(1, 2, 1), bn: norm(2, 1, 0.9) });
    const pairs = module('M', {
      c: conv(1, 2, 1, {
        padding: [
          [1, 1],
          [1, 1],
        ],
      }),
      bn: norm(2, 1, 0.99),
    });
    const fitted = fitToTemplate(same, pairs, { exactParams: true }).ir;
    // An epsilon read from float32 (BrainState) is the spec's 1e-5.
    const f32 = module('M', { bn: { ...norm(2), params: { channels: 2, epsilon: Math.fround(1e-5), momentum: 0.99 } } as IRNode });
    expect(() => fitToTemplate(f32, module('M', { bn: norm(2) }), { exactParams: true })).not.toThrow();
    expect((child(fitted, 'bn').params as { momentum: number }).momentum).toBe(0.99);
  });

  it('turns stateless children of the source into ops, keeps residuals, and builds in the target', () => {
    const source = module(
      'Res',
      {
        conv1: conv(2, 2, 1),
        pool: {
          kind: 'pool',
          params: { op: 'max', windowShape: [2, 2], strides: [2, 2], padding: 'VALID', countIncludePad: true },
          tensors: {},
        },
        block: module('Block', { conv: conv(2, 2, 2), bn: norm(2, 3) }, [{ residual: ['conv', 'bn', { fn: 'relu' }] }]),
        head: linear(2, 3, 4),
      },
      ['conv1', 'pool', 'block', { fn: 'mean', axis: [0, 1] }, 'head'],
    );
    const template = module('Res', { stem: conv(2, 2, 5), c: conv(2, 2, 6), n: norm(2, 7), out: linear(2, 3, 8) });
    const { ir, pairs } = fitToTemplate(source, template);
    expect(pairs.map((p) => p.source)).toEqual(['conv1', 'block/conv', 'block/bn', 'head']);
    const forward = (ir as ModuleIR).forward!;
    expect(forward[0]).toEqual({ call: 'stem' });
    expect(forward[1]).toMatchObject({ op: { kind: 'pool' } });
    expect(forward[2]).toMatchObject({ residual: [{ call: 'c' }, { call: 'n' }, { op: { kind: 'activation' } }] });
    expect(forward.slice(3).map((s) => ('call' in s ? s.call : 'op'))).toEqual(['op', 'out']);
  });

  it('leaves the forward out where the source has none or its calls do not fall into the template', () => {
    expect((fitToTemplate(nnxTemplate(), linenCnn()).ir as ModuleIR).forward?.length).toBe(10);
    const noForward = fitToTemplate(nnxTemplate(), nnxTemplate()).ir as ModuleIR;
    expect(noForward.forward).toBeUndefined();
    // A relu between two items of a list cannot be written as one call of the list.
    const seq = module('S', { a: linear(4, 4, 1), b: linear(4, 4, 2) }, ['a', { fn: 'relu' }, 'b']);
    expect((fitToTemplate(seq, module('S', { layers: [linear(4, 4), linear(4, 4)] })).ir as ModuleIR).forward).toBeUndefined();
    expect(
      (
        fitToTemplate(
          module('S', { a: linear(4, 4, 1), b: linear(4, 4, 2) }, ['a', 'b']),
          module('S', { layers: [linear(4, 4), linear(4, 4)] }),
        ).ir as ModuleIR
      ).forward,
    ).toEqual([{ call: 'layers' }]);
  });

  it('gives a model the target framework builds with the template names', () => {
    const source = module('Net', { Dense_0: linear(4, 3, 1, false) }, ['Dense_0', { fn: 'relu' }]);
    const template = module('Net', { fc: linear(4, 3, 2, false) });
    const built = createRegistry().use(treeCL).fromIR(fitToTemplate(source, template).ir, 'tree-cl') as TModule;
    expect(built.name).toBe('Net');
    expect(built.children.map((c) => c.name)).toEqual(['fc']);
    expect(built.forward?.map((s) => ('call' in s ? s.call : 'op'))).toEqual(['fc', 'op']);
  });
});
