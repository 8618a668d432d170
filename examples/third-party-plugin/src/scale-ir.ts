import { InteropError, Tensor } from '@interop/core';
import type { IRNodeBase, ShapeFunction } from '@interop/core';

/** The IR kind this plugin adds: `y = x * scale` over the last (feature) axis. */
export const SCALE_KIND = 'scale';

/** A `scale` node: `scale` is a `[features]` vector; the input's last axis has `features` entries. */
export type ScaleIR = IRNodeBase<typeof SCALE_KIND, { features: number }, 'scale'>;

/**
 * The shape rule the plugins register for `scale`: the output has the input's shape, so the
 * engine can thread sizes through it inside a `Sequential`.
 *
 * @example
 * ```ts
 * scaleShape(ir, [8]); // [8]
 * ```
 */
export const scaleShape: ShapeFunction = (_ir, input) => (input ? [...input] : undefined);

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
    throw new InteropError('E_SHAPE_MISMATCH', `Scale has ${features} features but the input's last axis has ${x.shape[x.shape.length - 1]}`, {
      fix: `Pass an input whose last axis has ${features} entries`,
    });
  }
  const xs = x.toArray();
  const s = scale.toArray();
  return Tensor.fromArray(xs.map((v, i) => Math.fround(v * s[i % features]!)), x.shape, 'float32');
}
