import { ConversionError, defineMapping } from '@interop/core';
import type { ConvIR } from '@interop/core';
import { CONV_FIELDS, DTYPE_FIELDS, bad, convArgs, convSpecArgs, need, needed, paddingFromIR, sizes } from '@interop/flax';
import type { ModuleSpec } from '@interop/flax';
import { DTYPE_ARGS, leafOf } from '../layer-spec.js';
import type { NnxLayerSpec } from '../layer-spec.js';
import { Conv } from '../modules/conv.js';
import { SHAPE_ONLY } from '../rngs.js';
import { fill, floatDtype } from './build.js';

/**
 * `nnx.Conv` ↔ `conv` (1-3 spatial axes): NNX's HWIO kernel is the canonical layout; every NNX
 * padding (ints, pairs, SAME, SAME_LOWER, VALID, CAUSAL, CIRCULAR, REFLECT), strides, input and
 * kernel dilation and feature groups map onto the IR exactly, both ways.
 *
 * @example
 * ```ts
 * conv.toIR(new Conv(3, 4, [3, 3], { rngs: new Rngs(0) }), ctx);
 * ```
 */
export const conv = defineMapping({
  meta: { framework: 'nnx', layer: 'Conv', ir: 'conv', status: 'stable', description: 'flax.nnx.Conv ↔ conv (HWIO kernel, channels-last)' },
  layerType: Conv,
  toIR: (layer: Conv) => layer.toIR(),
  fromIR: (ir: ConvIR) => {
    const { kernel, bias } = ir.tensors;
    const p = ir.params;
    if (typeof p.padding === 'string' && p.inputDilation.some((d) => d !== 1)) {
      throw new ConversionError(
        `NNX Conv cannot combine input dilation with '${p.padding}' padding (lax.conv_general_dilated refuses it)`,
        {
          fix: 'Give the IR explicit [low, high] padding pairs for an input-dilated conv',
        },
      );
    }
    const dt = floatDtype(kernel);
    const m = new Conv(p.inFeatures, p.outFeatures, p.kernelSize, {
      strides: p.strides,
      padding: paddingFromIR(ir, 'NNX'),
      inputDilation: p.inputDilation,
      kernelDilation: p.kernelDilation,
      featureGroupCount: p.featureGroups,
      useBias: bias !== undefined,
      dtype: dt,
      paramDtype: dt,
      rngs: SHAPE_ONLY,
    });
    fill(m.kernel, kernel);
    fill(m.bias, bias);
    return m;
  },
});

// A dumped module's derived attribute: accepted when it is what the other arguments give.
function kernelShape(spec: ModuleSpec, arg: string, value: unknown): boolean {
  if (arg !== 'kernel_shape') return false;
  const ks = spec.kernel_size as number[] | number;
  const groups = (spec.feature_group_count as number | undefined) ?? 1;
  const want = [...(typeof ks === 'number' ? [ks] : ks), (spec.in_features as number) / groups, spec.out_features];
  return JSON.stringify(value) === JSON.stringify(want);
}

/**
 * The spec of `nnx.Conv` (a dumped module's `kernel_shape` accepted when consistent); inferred
 * from a kernel of rank 3 to 5, with the arguments the state does not store at their defaults.
 *
 * @example
 * ```ts
 * convSpec.read({ type: 'Conv', in_features: 3, out_features: 4, kernel_size: [3, 3] }, context);
 * ```
 */
export const convSpec: NnxLayerSpec<Conv> = {
  layerType: Conv,
  types: {
    Conv: [
      'in_features',
      'out_features',
      'kernel_size',
      'strides',
      'padding',
      'input_dilation',
      'kernel_dilation',
      'feature_group_count',
      'use_bias',
      ...DTYPE_ARGS,
    ],
  },
  fields: { in_features: needed('int', 3), out_features: needed('int', 4), ...CONV_FIELDS, ...DTYPE_FIELDS },
  unmodelled: kernelShape,
  read: (spec, { dtypes, rngs }) =>
    new Conv(need(spec, 'in_features'), need(spec, 'out_features'), sizes(spec, 'kernel_size') ?? bad('Conv needs kernel_size', spec), {
      ...dtypes,
      ...convArgs(spec),
      rngs,
    }),
  write: (m) => ({ type: 'Conv', in_features: m.inFeatures, out_features: m.outFeatures, ...convSpecArgs(m) }),
  infer: (tree, assume) => {
    const kernel = leafOf(tree, 'kernel');
    if (!kernel || kernel.ndim < 3 || kernel.ndim > 5) return undefined;
    assume("Conv with strides 1, padding 'SAME', no dilation and feature_group_count 1 (not stored in the state)");
    const r = kernel.ndim;
    return new Conv(kernel.shape[r - 2]!, kernel.shape[r - 1]!, kernel.shape.slice(0, r - 2), {
      rngs: SHAPE_ONLY,
      useBias: !!leafOf(tree, 'bias'),
      paramDtype: floatDtype(kernel),
    });
  },
};
