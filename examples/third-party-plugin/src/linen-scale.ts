import type { Tensor } from '@interop/core';
import { Module, requireParams, leaf } from '@interop/linen';
import type { LinenRngScope, Variables } from '@interop/linen';
import { InteropError } from '@interop/core';
import { ones } from '@interop/runtime';
import { applyScale } from './scale-ir.js';
import type { ScaleIR } from './scale-ir.js';

function scaleOf(variables: Variables): Tensor {
  const scale = leaf(requireParams(variables, 'Scale'), 'scale');
  if (!scale)
    throw new InteropError('E_INVALID_ARGUMENT', "Scale's params have no 'scale'", {
      fix: 'Pass variables as { params: { scale } }, e.g. from module.init',
    });
  return scale;
}

/**
 * The `scale` IR of Linen variables `{ params: { scale } }`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when the variables hold no `params.scale`.
 * @example
 * ```ts
 * scaleIROf({ params: { scale } }); // { kind: 'scale', params: { features }, tensors: { scale } }
 * ```
 */
export function scaleIROf(variables: Variables): ScaleIR {
  const scale = scaleOf(variables);
  return { kind: 'scale', params: { features: scale.shape[0]! }, tensors: { scale } };
}

/**
 * A Linen module with learnable per-feature gains: `params: { scale }` of shape `[features]`,
 * initialised to ones; the feature count comes from the input, as `nn.Dense`'s does.
 *
 * @example
 * ```ts
 * const variables = new Scale().init(key(0), x);
 * new Scale().apply(variables, x);
 * ```
 */
export class Scale extends Module {
  readonly type = 'Scale';

  initVariables(scope: LinenRngScope, inputShape: readonly number[]): Variables {
    return { params: { scale: ones(scope.makeRng(), [inputShape[inputShape.length - 1]!], this.paramDtype) } };
  }

  toIR(variables: Variables): ScaleIR {
    return scaleIROf(variables);
  }

  override apply(variables: Variables, x: Tensor): Tensor {
    return applyScale(x, scaleOf(variables));
  }

  override outputShape(_variables: Variables, inputShape: readonly number[]): number[] {
    return [...inputShape];
  }
}
