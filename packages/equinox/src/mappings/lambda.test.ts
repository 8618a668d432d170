import { createConversionContext, createRegistry, Tensor } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { EqxNode } from '../adapter.js';
import { tester } from '../__fixtures__/mapping.js';
import equinox from '../index.js';
import { Lambda } from '../modules/lambda.js';
import { Sequential } from '../modules/sequential.js';
import { lambda } from './lambda.js';

const x = Tensor.fromArray([-2, -0.5, 0, 0.5, 2, 3], [2, 3], 'float32');
const irs: ActivationIR['params'][] = [
  { fn: 'relu' },
  { fn: 'gelu' },
  { fn: 'gelu_tanh' },
  { fn: 'silu' },
  { fn: 'tanh' },
  { fn: 'sigmoid' },
  { fn: 'softplus' },
  { fn: 'elu', alpha: 0.5 },
  { fn: 'leaky_relu', alpha: 0.2 },
  { fn: 'identity' },
];
const ctx = createConversionContext({ framework: 'equinox', direction: 'fromIR' });

tester.run(lambda, {
  valid: irs.map((params) => ({
    name: JSON.stringify(params),
    layer: lambda.fromIR({ kind: 'activation', params, tensors: {} }, ctx),
    input: x,
  })),
});

describe('Lambda ↔ activation', () => {
  const read = (m: Lambda) => lambda.toIR(new EqxNode(m), ctx).params;
  it('jax.nn.gelu approximates by default; approximate=False is exact', () => {
    expect(read(new Lambda('gelu'))).toEqual({ fn: 'gelu_tanh' });
    expect(read(new Lambda('gelu', { approximate: false }))).toEqual({ fn: 'gelu' });
  });
  it('swish is silu; leaky_relu keeps its slope (0.01 by default)', () => {
    expect(read(new Lambda('swish'))).toEqual({ fn: 'silu' });
    expect(read(new Lambda('leaky_relu'))).toEqual({ fn: 'leaky_relu', alpha: 0.01 });
    expect(read(new Lambda('leaky_relu', { negativeSlope: 0.3 }))).toEqual({ fn: 'leaky_relu', alpha: 0.3 });
  });
  it('refuses a name that is not a jax.nn activation', () => {
    expect(() => new Lambda('softmax' as never)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});

describe('Lambda(jnp.ravel) and Lambda(jax.nn.log_softmax), as the Equinox MNIST example lists them', () => {
  const at = (inputShape?: number[]) =>
    createConversionContext({ framework: 'equinox', direction: 'toIR', path: 'layers/3', ...(inputShape ? { inputShape } : {}) });

  it('ravel flattens the channels-first example in C·H·W order', () => {
    const img = Tensor.fromArray([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'float32');
    expect(Array.from(new Lambda('ravel').call(img).toFloat64())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Lambda('ravel').callBatch(img).shape).toEqual([2, 4]);
  });

  it('ravel reads as a flatten where C·H·W and H·W·C agree, and is refused (naming it) where they do not', () => {
    expect(lambda.toIR(new EqxNode(new Lambda('ravel')), at([6])).kind).toBe('flatten');
    expect(lambda.toIR(new EqxNode(new Lambda('ravel')), at([4, 4, 1])).kind).toBe('flatten');
    // The engine refuses a ravel whose C·H·W output no Linear reads (here: the model's output).
    const model = new Sequential([new Lambda('relu'), new Lambda('ravel')]);
    expect(() =>
      createRegistry()
        .use(equinox)
        .toIR(model, 'equinox', { sampleInput: [4, 4, 3] }),
    ).toThrow(expect.objectContaining({ code: 'E_UNSUPPORTED_STRUCTURE', message: expect.stringContaining('flattened feature map') }));
    expect(() => createRegistry().use(equinox).toIR(model, 'equinox')).toThrow(expect.objectContaining({ code: 'E_MISSING_ARCH' }));
    expect(
      createRegistry()
        .use(equinox)
        .toIR(model, 'equinox', { sampleInput: [4, 4, 1] }).kind,
    ).toBe('sequential');
  });

  it("log_softmax works on the example's last Equinox axis: -1 of a vector, -2 channels-last for an image", () => {
    expect(lambda.toIR(new EqxNode(new Lambda('log_softmax')), at([10])).params).toEqual({ axis: -1, log: true });
    expect(lambda.toIR(new EqxNode(new Lambda('log_softmax')), at([4, 5, 3])).params).toEqual({ axis: -2, log: true });
    const y = new Lambda('log_softmax').call(Tensor.fromArray([0, 0], [2], 'float32'));
    expect(Array.from(y.toFloat64())).toEqual([Math.fround(-Math.LN2), Math.fround(-Math.LN2)]);
  });
});
