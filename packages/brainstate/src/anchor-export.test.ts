// The anchor's export fixtures (brainstate.interop.to_nnx / to_linen): our toIR must carry exactly
// the arrays the real conversion wrote, in the IR's canonical layout, bit for bit.
import { Tensor, createRegistry, split } from '@interop/core';
import type { LayerIR } from '@interop/core';
import { readFlaxMsgpack } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import brainstate, { msgpackLoad } from './index.js';
import { moduleFromSpec } from './spec.js';
import type { ModuleSpec } from './spec.js';

type Fw = 'nnx' | 'linen';

function flatten(value: unknown, prefix: string, out: Map<string, Tensor>): Map<string, Tensor> {
  if (value instanceof Tensor) out.set(prefix, value);
  else if (value instanceof Map) for (const [k, v] of value) flatten(v, prefix ? `${prefix}/${String(k)}` : String(k), out);
  return out;
}

/** The leaves a foreign layer holds for an IR node, by the foreign framework's names. */
function foreignLeaves(ir: LayerIR, fw: Fw, at: string, out: Map<string, Tensor>): void {
  const put = (collection: 'params' | 'batch_stats', name: string, t: Tensor | undefined) => {
    if (!t) return;
    const path = [fw === 'linen' ? collection : '', at, name].filter(Boolean).join('/');
    out.set(path, t);
  };
  const t = ir.tensors as Record<string, Tensor | undefined>;
  switch (ir.kind) {
    case 'sequential':
      ir.layers.forEach((l, i) =>
        foreignLeaves(l, fw, [at, fw === 'linen' ? `layers_${i}` : `layers/${i}`].filter(Boolean).join('/'), out),
      );
      return;
    case 'linear':
    case 'conv':
      put('params', 'kernel', t.kernel);
      put('params', 'bias', t.bias);
      return;
    case 'embedding':
      put('params', 'embedding', t.embedding);
      return;
    case 'layer-norm':
    case 'rms-norm':
    case 'group-norm':
    case 'batch-norm':
      put('params', 'scale', t.scale);
      put('params', 'bias', t.bias);
      put('batch_stats', 'mean', t.mean);
      put('batch_stats', 'var', t.var);
      return;
    case 'lstm-cell': {
      const h = ir.params.hiddenSize;
      const gates = ['i', fw === 'nnx' ? 'f_' : 'f', 'g', 'o'];
      const ik = split(t.inputKernel!, 1, [h, h, h, h]);
      const hk = split(t.hiddenKernel!, 1, [h, h, h, h]);
      const b = split(t.bias!, 0, [h, h, h, h]);
      gates.forEach((g, k) => {
        const name = g.replace('_', '');
        put('params', `i${g}/kernel`, ik[k]);
        put('params', `h${name}/kernel`, hk[k]);
        put('params', `h${name}/bias`, b[k]);
      });
      return;
    }
    default:
      return;
  }
}

const cases = listFixtures('anchor').filter((n) => /^export_(nnx|linen)_/.test(n));

describe("the anchor's exports: our IR holds what brainstate.interop wrote", () => {
  it.each(cases)('%s', (name) => {
    const fixture = loadFixture('anchor', name);
    const m = fixture.manifest as unknown as { spec: ModuleSpec };
    const fw = name.split('_')[1] as Fw;
    const model = moduleFromSpec(m.spec);
    // Some sources were saved before init_state: hidden states only when the file has them.
    const h = (readFlaxMsgpack(fixture.file('source')) as Map<string, unknown>).get('h') as Tensor | undefined;
    if (h) model.initState(h.shape[0]);
    msgpackLoad(model, fixture.file('source'));
    const ir = createRegistry().use(brainstate).toIR(model, 'brainstate') as LayerIR;
    const want = flatten(readFlaxMsgpack(fixture.file('converted')), '', new Map());
    const ours = new Map<string, Tensor>();
    foreignLeaves(ir, fw, '', ours);
    expect([...ours.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [path, t] of want) {
      const o = ours.get(path)!;
      expect(o.dtype, path).toBe(t.dtype);
      expect(o.shape, path).toEqual(t.shape);
      expect(Array.from(o.toArray()), path).toEqual(Array.from(t.toArray()));
    }
  });
});
