import { createRegistry } from '@interop/core';
import type { IRNode, Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import nnx from './index.js';
import { flatState, state, toPureDict } from './graph.js';
import type { AnyModule } from './module.js';
import { golden } from './__fixtures__/golden.js';

const dtypes = (m: AnyModule) => Object.fromEntries(flatState(toPureDict(state(m))).map(([p, t]) => [p.join('/'), (t as Tensor).dtype]));

// brainstate-interop.md §6.1 tests 66-69 in our terms: half-precision parameters keep their dtype
// through NNX → IR → NNX, and the rebuilt layer computes in that dtype.
describe('half precision through the IR', () => {
  it.each([
    'linear_bf16',
    'linear_f16',
    'conv2d_f16',
    'conv2d_bf16',
    'lstmcell_bf16',
    'batchnorm_bf16',
    'embed_bf16',
    'layernorm_bf16',
    'groupnorm_bf16',
    'rmsnorm_f16',
  ])('%s', (name) => {
    const { model } = golden(name);
    const r = createRegistry().use(nnx);
    const rebuilt = r.fromIR(r.toIR(model, 'nnx') as IRNode, 'nnx') as AnyModule;
    expect(dtypes(rebuilt)).toEqual(dtypes(model));
    expect(rebuilt.paramDtype).toBe(model.paramDtype);
  });
});
