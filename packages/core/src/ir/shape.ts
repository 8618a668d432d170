import { InteropError } from '../errors/interop-error.js';
import type { IRNode } from '../registry/types.js';
import type { Shape } from '../tensor/tensor.js';
import type { LayerIR } from './kinds.js';
import type { KindOptions } from './kind-table.js';
import { findKind } from './kind-table.js';

/**
 * The unbatched, channels-last output shape of a layer applied to `inputShape`, by its kind's
 * `outputShape` rule: norms, dropout and activations keep the shape (checking their feature axes);
 * linear and the recurrent cells replace the last axis; embedding appends the feature axis to the
 * index shape; conv and pool follow `lax` padding rules; flatten, reshape and mean change the
 * shape as numpy does; sequential folds over its layers; a module flows the shape through its
 * forward program. Plugin kinds are known through `options.kinds`, nested ones too.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH when the input does not fit the layer; E_INVALID_IR for
 *   a kind with no shape rule (a kind core does not know and `options.kinds` does not define).
 * @example
 * ```ts
 * inferOutputShape(linearIR, [5, 3]); // [5, outFeatures]
 * inferOutputShape(stackWithScale, [8], { kinds: registry.kinds() });
 * ```
 */
export function inferOutputShape(ir: LayerIR | IRNode, inputShape: Shape, options: KindOptions = {}): number[] {
  const definition = findKind(ir.kind, options.kinds);
  if (!definition?.outputShape) {
    throw new InteropError('E_INVALID_IR', `Core has no shape rule for IR kind "${ir.kind}"`, {
      fix: definition
        ? `Give the definition of "${ir.kind}" an outputShape rule`
        : 'Pass the kinds that define it ({ kinds: registry.kinds() }), and give the plugin that defines this kind a `kinds` entry for it',
    });
  }
  return definition.outputShape(ir as never, inputShape, (node, shape) => inferOutputShape(node, shape, options));
}
