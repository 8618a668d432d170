import { InteropError } from '../errors/interop-error.js';
import { BUILTIN_IR_KINDS } from '../ir/kinds.js';
import type { LayerIR } from '../ir/kinds.js';
import { inferOutputShape } from '../ir/shape.js';
import type { IRNode, ShapeFunction } from '../registry/types.js';
import type { Shape } from '../tensor/tensor.js';

const BUILTIN = new Set<string>(BUILTIN_IR_KINDS);

/**
 * The shape the next layer sees. With a known input, built-in kinds use `inferOutputShape` and
 * plugin kinds their plugin's shape rule. With an unknown input, layers that produce a feature
 * vector (linear, recurrent cells, a single embedding lookup) still fix it, as the Python anchor
 * does, so a norm after a Linear needs no `sampleInput`; every other layer leaves it unknown.
 */
export function shapeAfter(
  ir: IRNode,
  input: Shape | undefined,
  rules: ReadonlyMap<string, ShapeFunction>,
): number[] | undefined {
  if (!BUILTIN.has(ir.kind)) return rules.get(ir.kind)?.(ir, input);
  const known = ir as LayerIR;
  if (input !== undefined) return inferOutputShape(known, input);
  switch (known.kind) {
    case 'linear':
      return [known.params.outFeatures];
    case 'lstm-cell':
    case 'gru-cell':
    case 'gru-cell-cho':
      return [known.params.hiddenSize];
    case 'embedding':
      return [known.params.features];
    default:
      return undefined;
  }
}

/** The shape of a `sampleInput`: an array of sizes, or anything with a `shape` (a Tensor). */
export function shapeOfSample(sample: unknown): number[] | undefined {
  if (sample === undefined || sample === null) return undefined;
  const shape: unknown = Array.isArray(sample) ? sample : (sample as { shape?: unknown }).shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw new InteropError('E_INVALID_ARGUMENT', '`sampleInput` must be a shape or a value with a `shape`', {
      expected: 'one unbatched example (e.g. a Tensor) or its shape, such as [8, 8, 3]',
      found: Array.isArray(shape) ? shape : typeof sample,
    });
  }
  return [...(shape as number[])];
}
