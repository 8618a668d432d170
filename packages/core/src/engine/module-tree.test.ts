import { describe, expect, it } from 'vitest';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { TConv, TDense, TFlatten, TModule, TPool, TRelu, TStack, treeCF, treeCL } from '../__fixtures__/toy-tree.js';
import type { TLayer } from '../__fixtures__/toy-tree.js';
import { forwardFromSpec } from '../ir/forward-spec.js';
import type { LinearIR } from '../ir/kinds.js';
import type { ModuleIR } from '../ir/module.js';
import { irFromJSON, irToJSON } from '../ir/json.js';
import { createRegistry } from '../registry/registry.js';
import { Tensor } from '../tensor/tensor.js';

const registry = () => createRegistry().use(treeCL).use(treeCF);

// H=3, W=2, C=4 feature map into 5 units; the conv is 1x1 from 2 to 4 channels.
const H = 3;
const W = 2;
const C = 4;
const OUT = 5;
const rows = (t: Tensor) =>
  Array.from({ length: t.shape[0]! }, (_, r) => Array.from(t.toFloat64().slice(r * t.shape[1]!, (r + 1) * t.shape[1]!)));
const child = <T>(m: { children: readonly unknown[] }, i: number): T => (m.children[i] as { node: T }).node;
const cnnForward = () => forwardFromSpec(['conv', { fn: 'relu' }, { fn: 'flatten' }, 'fc']);

function clModel(kernel: Tensor, forward = cnnForward()): TModule {
  return new TModule(
    'CNN',
    [
      { name: 'conv', node: new TConv(filled([1, 1, 2, C])) },
      { name: 'fc', node: new TDense(kernel) },
    ],
    forward,
  );
}

describe('module trees', () => {
  it('reads children in declaration order with input shapes from the forward program', () => {
    const model = new TModule(
      'Net',
      [
        { name: 'head', node: new TDense(filled([H * W * C, OUT])) },
        { name: 'convs', items: [new TConv(filled([1, 1, 2, C])), new TConv(filled([1, 1, C, C]))] },
      ],
      forwardFromSpec(['convs', { fn: 'flatten' }, 'head']),
    );
    const ir = registry().toIR(model, 'tree-cl', { sampleInput: [H, W, 2] }) as ModuleIR;
    expect(ir.kind).toBe('module');
    expect(ir.params.name).toBe('Net');
    expect(ir.children.map((c) => c.name)).toEqual(['head', 'convs']);
    const convs = ir.children[1] as { items: Array<{ inputShape?: number[]; origin?: { path: string } }> };
    expect(convs.items.map((n) => n.inputShape)).toEqual([
      [H, W, 2],
      [H, W, C],
    ]);
    expect(convs.items.map((n) => n.origin?.path)).toEqual(['convs/0', 'convs/1']);
    expect(child<LinearIR>(ir, 0).inputShape).toEqual([H * W * C]);
  });

  it('reorders the rows of a Linear after a flatten into C·H·W order, as numpy does for Equinox', () => {
    const K = Tensor.fromArray(
      Array.from({ length: H * W * C * OUT }, (_, i) => i),
      [H * W * C, OUT],
      'float32',
    );
    const out = registry().convert(clModel(K), { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, 2] }) as TModule;
    const fc = child<TDense>(out, 1);
    // perm = arange(H*W*C).reshape(H, W, C).transpose(2, 0, 1).ravel(), printed by numpy in
    // shared/reference/model-trees.md §6; Equinox's weight is K[perm].T.
    const perm = [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23];
    const k = rows(K);
    const expected = Array.from({ length: OUT }, (_, o) => perm.map((p) => k[p]![o]!));
    expect(rows(fc.weight)).toEqual(expected);
    expect(child<TConv>(out, 0).seen).toEqual([H, W, 2]);
  });

  it('comes back exactly from the channels-first framework', () => {
    const K = filled([H * W * C, OUT]);
    const r = registry();
    const there = r.convert(clModel(K), { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, 2] });
    const back = r.convert(there, { from: 'tree-cf', to: 'tree-cl', sampleInput: [H, W, 2] }) as TModule;
    expect(child<TDense>(back, 1).weight.equals(K)).toBe(true);
  });

  it('refuses a Linear after a flatten whose shape is unknown, naming the layer', () => {
    const error = catchError(() => registry().convert(clModel(filled([H * W * C, OUT])), { from: 'tree-cl', to: 'tree-cf' }));
    expect(error.code).toBe('E_MISSING_ARCH');
    expect(error.details.path).toBe('fc');
    const noForward = new TModule('CNN', clModel(filled([H * W * C, OUT])).children);
    const refused = catchError(() => registry().convert(noForward, { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, 2] }));
    expect(refused.code).toBe('E_MISSING_ARCH');
    expect(refused.details.layer).toBe('fc');
  });

  it('refuses a Linear after a flatten of unknown shape when the conv needs none', () => {
    const model = new TModule(
      'MLP',
      [{ name: 'fc', node: new TDense(filled([H * W * C, OUT])) }],
      forwardFromSpec([{ fn: 'flatten' }, 'fc']),
    );
    const error = catchError(() => registry().convert(model, { from: 'tree-cl', to: 'tree-cf' }));
    expect(error.code).toBe('E_MISSING_ARCH');
    expect(error.details.layer).toBe('TDense');
  });

  it('turns a pooling layer into a function step where the target has no pooling layer', () => {
    const model = new TModule(
      'Net',
      [
        { name: 'conv', node: new TConv(filled([1, 1, 2, C])) },
        { name: 'pool', node: new TPool(2) },
        { name: 'fc', node: new TDense(filled([OUT, 2 * 1 * C])) },
      ],
      forwardFromSpec(['conv', 'pool', { fn: 'flatten' }, 'fc']),
    );
    const out = registry().convert(model, { from: 'tree-cf', to: 'tree-cl', sampleInput: [4, 2, 2] }) as TModule;
    expect(out.children.map((c) => c.name)).toEqual(['conv', 'fc']);
    expect(out.forward?.map((s) => ('call' in s ? s.call : 'op' in s ? s.op.kind : 'residual'))).toEqual(['conv', 'pool', 'flatten', 'fc']);
  });

  it('round-trips a module through IR JSON', () => {
    const ir = registry().toIR(
      clModel(filled([H * W * C, OUT]), forwardFromSpec(['conv', { residual: [{ fn: 'relu' }] }, { fn: 'flatten' }, 'fc'])),
      'tree-cl',
      { sampleInput: [H, W, 2] },
    );
    const again = irFromJSON(JSON.parse(JSON.stringify(irToJSON(ir))));
    expect(irToJSON(again)).toEqual(irToJSON(ir));
  });

  it('rejects a forward program that calls an unknown child', () => {
    const model = new TModule('Net', [{ name: 'fc', node: new TDense(filled([4, 2])) }], forwardFromSpec(['fc', 'head']));
    const error = catchError(() => registry().toIR(model, 'tree-cl', { sampleInput: [4] }));
    expect(error.code).toBe('E_INVALID_IR');
    expect(error.message).toContain('head');
  });

  it('reorders after a flatten written as a list item or a stack layer, as Equinox lists jnp.ravel', () => {
    const K = filled([H * W * C, OUT]);
    const r = registry();
    const listed = new TModule(
      'CNN',
      [{ name: 'layers', items: [new TConv(filled([1, 1, 2, C])), new TRelu(), new TFlatten(), new TDense(K)] }],
      forwardFromSpec(['layers']),
    );
    const stack = new TStack([new TConv(filled([1, 1, 2, C])), new TRelu(), new TFlatten(), new TDense(K)]);
    const perm = [0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23];
    const expected = Array.from({ length: OUT }, (_, o) => perm.map((p) => rows(K)[p]![o]!));
    const fromList = r.convert(listed, { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, 2] }) as TModule;
    expect(rows(((fromList.children[0] as { items: TLayer[] }).items[3] as TDense).weight)).toEqual(expected);
    const fromStack = r.convert(stack, { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, 2] }) as TStack;
    expect(rows((fromStack.layers[3] as TDense).weight)).toEqual(expected);
    const back = r.convert(fromStack, { from: 'tree-cf', to: 'tree-cl', sampleInput: [H, W, 2] }) as TStack;
    expect((back.layers[3] as TDense).weight.equals(K)).toBe(true);
  });

  it('refuses a flattened map that no Linear reads: the model output, a residual, another layer', () => {
    const r = registry();
    const output = new TStack([new TConv(filled([1, 1, 2, C])), new TFlatten()]);
    expect(catchError(() => r.convert(output, { from: 'tree-cf', to: 'tree-cl', sampleInput: [H, W, 2] })).code).toBe(
      'E_UNSUPPORTED_STRUCTURE',
    );
    expect(catchError(() => r.convert(new TFlatten(), { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, C] })).code).toBe(
      'E_UNSUPPORTED_STRUCTURE',
    );
    expect(r.convert(new TFlatten(), { from: 'tree-cl', to: 'tree-cf', sampleInput: [1, 1, C] })).toBeInstanceOf(TFlatten);
    const residual = new TModule(
      'Net',
      [{ name: 'fc', node: new TDense(filled([H * W * C, H * W * C])) }],
      forwardFromSpec([{ fn: 'flatten' }, { residual: ['fc'] }]),
    );
    expect(catchError(() => r.convert(residual, { from: 'tree-cl', to: 'tree-cf', sampleInput: [H, W, C] })).code).toBe(
      'E_UNSUPPORTED_STRUCTURE',
    );
    const pooled = new TModule(
      'Net',
      [{ name: 'fc', node: new TDense(filled([OUT, 6])) }],
      forwardFromSpec([{ fn: 'flatten' }, { fn: 'reshape', shape: [6, 4] }, 'fc']),
    );
    const refused = catchError(() => r.convert(pooled, { from: 'tree-cf', to: 'tree-cl', sampleInput: [H, W, C] }));
    expect(refused.code).toBe('E_UNSUPPORTED_STRUCTURE');
    expect(refused.message).toContain('reshape');
  });
});
