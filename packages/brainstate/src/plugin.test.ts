import { InteropError, Tensor, createRegistry, definePlugin } from '@interop/core';
import type { FrameworkAdapter } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import brainstate, {
  states,
  GRU_REASON,
  GRUCell,
  LayerNorm,
  Linear,
  MGUCell,
  Module,
  ReLU,
  Sequential,
  URLSTMCell,
  ValinaRNNCell,
  environ,
  random,
} from './index.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';

/** A framework with no mappings at all: converting anything into it meets the refusals. */
const elsewhere = definePlugin({
  meta: { name: 'elsewhere', version: '0.0.0', framework: 'elsewhere' },
  adapter: {
    layerType: () => undefined,
    isSequential: () => false,
    children: () => [],
    hasChildModules: () => false,
    buildSequential: (c) => c,
  } as FrameworkAdapter,
  mappings: {},
});

function caught(fn: () => unknown): InteropError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InteropError);
    return e as InteropError;
  }
  throw new Error('expected an InteropError');
}

describe('the brainstate plugin', () => {
  const registry = createRegistry().use(brainstate).use(elsewhere);

  it('owns BrainState modules, and only them', () => {
    expect(brainstate.adapter.owns!(new Linear(2, 3))).toBe(true);
    expect(brainstate.adapter.owns!(new ValinaRNNCell(2, 3))).toBe(true);
    expect(brainstate.adapter.owns!({ weight: 1 })).toBe(false);
    expect(registry.frameworkOf(new Sequential(new Linear(2, 3), new ReLU()))).toBe('brainstate');
  });

  it("refuses to build a Cho GRU anywhere else, with the anchor's text", () => {
    const ir = registry.toIR(new GRUCell(3, 4), 'brainstate');
    expect(ir.kind).toBe('gru-cell-cho');
    const err = caught(() => registry.fromIR(ir, 'elsewhere'));
    expect(err.code).toBe('E_UNSUPPORTED_LAYER');
    expect(err.message).toContain(GRU_REASON);
    const fixture = loadFixture('anchor', 'refuse_export_nnx_grucell').manifest as unknown as { error: { message: string } };
    expect(GRU_REASON).toBe(fixture.error.message);
  });

  it.each([
    ['ValinaRNNCell', () => new ValinaRNNCell(3, 4), 'refuse_export_nnx_valinarnncell'],
    ['MGUCell', () => new MGUCell(3, 4), 'refuse_export_nnx_mgucell'],
    ['URLSTMCell', () => new URLSTMCell(3, 4), 'refuse_export_nnx_urlstmcell'],
  ])("refuses %s with the anchor's reason", (_, make, anchor) => {
    const err = caught(() => registry.toIR(make(), 'brainstate'));
    expect(err.code).toBe('E_UNSUPPORTED_LAYER');
    const fixture = loadFixture('anchor', anchor).manifest as unknown as { error: { message: string } };
    expect(err.message).toContain(fixture.error.message);
  });

  it('converts activation layers inside a Sequential (the anchor: UnmappedLayerError), computing the same', () => {
    const spec = loadFixture('layers_brainstate', 'sequential_mlp_dropout');
    random.seed(3);
    const model = moduleFromSpec(spec.manifest.spec as ModuleSpec);
    const ir = registry.toIR(model, 'brainstate', { sampleInput: [3] });
    const back = registry.fromIR(ir, 'brainstate') as Sequential;
    expect(back.layers.map((l) => l.type)).toEqual(['Linear', 'ReLU', 'Dropout', 'RMSNorm', 'Linear']);
    const x = spec.arrays.input!;
    environ.context({ fit: false }, () => expect(allclose(back.call(x), model.call(x), { rtol: 0, atol: 0 })).toBe(true));
  });

  it('refuses an empty Sequential, custom containers (attribute, list, dict) and an unmapped leaf, as InteropErrors', () => {
    abstract class Custom extends Module {
      readonly type = 'Custom';
      toIR(): never {
        throw new Error('unreachable');
      }
      call(x: Tensor): Tensor {
        return x;
      }
    }
    class ByAttribute extends Custom {
      readonly inner = new Linear(2, 2);
    }
    class ByList extends Custom {
      readonly blocks = [new Linear(2, 2), new Linear(2, 2)];
    }
    class ByDict extends Custom {
      readonly blocks = { a: new Linear(2, 2) };
    }
    class Scalar extends Custom {
      readonly factor = 2;
    }
    for (const m of [new ByAttribute(), new ByList(), new ByDict()])
      expect(caught(() => registry.toIR(m, 'brainstate')).code).toBe('E_UNSUPPORTED_STRUCTURE');
    expect(caught(() => registry.toIR(new Scalar(), 'brainstate')).code).toBe('E_UNMAPPED_LAYER');
    expect(caught(() => registry.fromIR({ kind: 'sequential', params: {}, tensors: {}, layers: [] }, 'brainstate')).code).toBe(
      'E_UNSUPPORTED_STRUCTURE',
    );
    expect(caught(() => new Sequential()).code).toBe('E_INVALID_ARGUMENT');
    expect([...states(new ByDict()).keys()]).toEqual(['blocks/a/weight']);
    expect([...states(new ByList()).keys()]).toEqual(['blocks/0/weight', 'blocks/1/weight']);
  });

  it('keeps a plain function in a Sequential: it runs, and converting it is E_UNMAPPED_LAYER as in the anchor', () => {
    const double = (x: Tensor) =>
      Tensor.fromArray(
        Array.from(x.toArray(), (v) => 2 * v),
        x.shape,
        'float32',
      );
    const model = new Sequential(new Linear(2, 3), double);
    expect(model.outSize).toEqual([3]);
    expect(model.call(Tensor.zeros([1, 2], 'float32')).shape).toEqual([1, 3]);
    expect(caught(() => registry.toIR(model, 'brainstate')).code).toBe('E_UNMAPPED_LAYER');
  });

  it('a LayerNorm after a Linear needs no sample input; its size threads through', () => {
    const model = new Sequential(new Linear(4, 8), new LayerNorm(8), new Linear(8, 2));
    const ir = registry.toIR(model, 'brainstate');
    expect(ir.kind).toBe('sequential');
  });
});
