import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor/tensor.js';
import { convOutputShape, resolveConvPadding } from './conv-shape.js';
import type { ConvIR, ConvPadding, LayerIR } from './kinds.js';
import { inferOutputShape } from './shape.js';

function conv1d(k: number, stride: number, padding: ConvPadding, kd = 1, ld = 1): ConvIR {
  return {
    kind: 'conv',
    params: {
      inFeatures: 1,
      outFeatures: 2,
      kernelSize: [k],
      strides: [stride],
      padding,
      paddingMode: 'zeros',
      inputDilation: [ld],
      kernelDilation: [kd],
      featureGroups: 1,
    },
    tensors: {},
  };
}

describe('convOutputShape', () => {
  // Expected sizes were checked against jax.lax.conv_general_dilated (jax 0.11).
  it.each([
    ['SAME, k3 s1', 8, conv1d(3, 1, 'SAME'), 8],
    ['VALID, k3 s1', 8, conv1d(3, 1, 'VALID'), 6],
    ['SAME, k3 s2', 7, conv1d(3, 2, 'SAME'), 4],
    ['VALID, k3 s2', 7, conv1d(3, 2, 'VALID'), 3],
    ['VALID, kernel dilation 2', 8, conv1d(3, 1, 'VALID', 2), 4],
    ['SAME, k3 s3 kernel dilation 2', 8, conv1d(3, 3, 'SAME', 2), 3],
    ['explicit pads with input dilation 2', 4, conv1d(3, 1, [[1, 1]], 1, 2), 7],
    ['explicit asymmetric pads, s2', 5, conv1d(3, 2, [[2, 1]]), 3],
    ['negative pads', 4, conv1d(3, 1, [[-1, 0]]), 1],
    ['kernel larger than input', 2, conv1d(5, 1, 'VALID'), 0],
    ['CAUSAL, k3 kernel dilation 2', 10, conv1d(3, 1, 'CAUSAL', 2), 10],
  ] as const)('%s', (_name, n, ir, expected) => {
    expect(convOutputShape(ir, [n, 1])).toEqual([expected, 2]);
  });

  it('puts the odd pad last for SAME and first for SAME_LOWER', () => {
    expect(resolveConvPadding('SAME', [8], [4], [1], [1])).toEqual([[1, 2]]);
    expect(resolveConvPadding('SAME_LOWER', [8], [4], [1], [1])).toEqual([[2, 1]]);
    expect(resolveConvPadding('CAUSAL', [8], [3], [1], [2])).toEqual([[4, 0]]);
  });

  it('handles 2-d convs channel-last and checks rank and channels', () => {
    const ir: ConvIR = {
      ...conv1d(3, 1, 'VALID'),
      params: {
        ...conv1d(3, 1, 'VALID').params,
        inFeatures: 3,
        outFeatures: 4,
        kernelSize: [3, 3],
        strides: [1, 2],
        inputDilation: [1, 1],
        kernelDilation: [1, 1],
      },
    };
    expect(convOutputShape(ir, [8, 9, 3])).toEqual([6, 4, 4]);
    expect(() => convOutputShape(ir, [8, 3])).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: A 2-d conv needs an input of rank 3 (spatial axes, then channels). Expected rank 3, found [8, 3]. See docs/errors.md#e_shape_mismatch]`,
    );
    expect(() => convOutputShape(ir, [8, 8, 5])).toThrow(/channel count/);
  });

  it('refuses string padding with an input dilation, as lax does', () => {
    expect(() => convOutputShape(conv1d(3, 1, 'SAME', 1, 2), [4, 1])).toThrow(/input dilation/);
  });
});

describe('inferOutputShape', () => {
  const t = (shape: number[]) => Tensor.zeros(shape, 'float32');
  const linear: LayerIR = { kind: 'linear', params: { inFeatures: 3, outFeatures: 5 }, tensors: { kernel: t([3, 5]) } };
  const norm: LayerIR = { kind: 'layer-norm', params: { featureShape: [4], epsilon: 1e-6, variance: 'fast' }, tensors: {} };

  it('changes the last axis for linear and recurrent cells', () => {
    expect(inferOutputShape(linear, [7, 3])).toEqual([7, 5]);
    expect(inferOutputShape({ kind: 'lstm-cell', params: { inputSize: 3, hiddenSize: 8 }, tensors: {} }, [3])).toEqual([8]);
    expect(() => inferOutputShape(linear, [4])).toThrow(/last input axis/);
  });

  it('appends the features for embedding and keeps the shape for norms, dropout and activations', () => {
    expect(inferOutputShape({ kind: 'embedding', params: { numEmbeddings: 10, features: 6 }, tensors: {} }, [12])).toEqual([12, 6]);
    expect(inferOutputShape(norm, [6, 6, 4])).toEqual([6, 6, 4]);
    expect(inferOutputShape({ kind: 'batch-norm', params: { channels: 4, epsilon: 1e-5, momentum: 0.99 }, tensors: {} }, [5, 4])).toEqual([
      5, 4,
    ]);
    expect(inferOutputShape({ kind: 'dropout', params: { rate: 0.5 }, tensors: {} }, [2, 9])).toEqual([2, 9]);
    expect(inferOutputShape({ kind: 'activation', params: { fn: 'relu' }, tensors: {} }, [3])).toEqual([3]);
    expect(() => inferOutputShape(norm, [6, 6, 3])).toThrow(/feature shape/);
  });

  it('folds over a sequential', () => {
    const seq: LayerIR = {
      kind: 'sequential',
      params: {},
      tensors: {},
      layers: [linear, { ...norm, params: { ...norm.params, featureShape: [5] } }],
    };
    expect(inferOutputShape(seq, [2, 3])).toEqual([2, 5]);
  });
});
