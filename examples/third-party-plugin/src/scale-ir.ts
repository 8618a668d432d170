import { InteropError, Tensor, defineKind } from '@interop/core';
import type { IRNodeOf } from '@interop/core';

/** The IR kind this plugin adds: `y = x * scale` over the last (feature) axis. */
export const SCALE_KIND = 'scale';

/**
 * Multiplies every feature vector of `x` (features on the last axis) by `scale`, in float32.
 *
 * @example
 * ```ts
 * applyScale(Tensor.fromArray([1, 2], [1, 2], 'float32'), Tensor.fromArray([3, 4], [2], 'float32')); // [[3, 8]]
 * ```
 */
export function applyScale(x: Tensor, scale: Tensor): Tensor {
  const features = scale.shape[0]!;
  if (x.shape[x.shape.length - 1] !== features) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `Scale has ${features} features but the input's last axis has ${x.shape[x.shape.length - 1]}`,
      {
        fix: `Pass an input whose last axis has ${features} entries`,
      },
    );
  }
  const xs = x.toArray();
  const s = scale.toArray();
  return Tensor.fromArray(
    xs.map((v, i) => Math.fround(v * s[i % features]!)),
    x.shape,
    'float32',
  );
}

/**
 * The `scale` kind, defined once: `features` (an integer param), the `scale` vector `[features]`
 * (required), the shape rule (the output has the input's shape, whose last axis must be
 * `features`) and a plain forward for the runtime, so `verify` runs IR holding it. Both plugins
 * register this same value in their `kinds`.
 *
 * @example
 * ```ts
 * createRegistry().use(brainstate).use(scaleBrainstate).kinds(); // { scale: scaleKind }
 * ```
 */
export const scaleKind = defineKind({
  kind: SCALE_KIND,
  description: 'per-feature gains: y = x * scale over the last axis',
  params: { features: 'int' },
  tensors: { scale: 'required' },
  outputShape(ir, inputShape) {
    if (inputShape[inputShape.length - 1] !== ir.params.features) {
      throw new InteropError(
        'E_SHAPE_MISMATCH',
        `Scale has ${ir.params.features} features but the input's last axis has ${inputShape[inputShape.length - 1]}`,
        {
          expected: `[..., ${ir.params.features}]`,
          found: `[${inputShape.join(', ')}]`,
        },
      );
    }
    return [...inputShape];
  },
  run: (ir, x) => applyScale(x, ir.tensors.scale!),
});

/** A `scale` node, derived from its definition: `scale` is a `[features]` vector; the input's last axis has `features` entries. */
export type ScaleIR = IRNodeOf<typeof scaleKind>;

declare module '@interop/core' {
  interface IRKinds {
    /** Registered by interop-plugin-scale. */
    scale: ScaleIR;
  }
}
