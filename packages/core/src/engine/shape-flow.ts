import { InteropError } from '../errors/interop-error.js';
import type { AnyKindDefinition } from '../ir/define-kind.js';
import { findKind } from '../ir/kind-table.js';
import type { IRNode, ShapeFunction } from '../registry/types.js';
import type { Shape } from '../tensor/tensor.js';

/**
 * The shape the next layer sees. With a known input, each kind's `outputShape` rule (built-in or
 * a plugin's) gives it, and plugin kinds without a definition use their plugin's `shapes` rule.
 * With an unknown input, kinds whose definition fixes it anyway (linear, recurrent cells, a single
 * embedding lookup) still give it, as the Python anchor does, so a norm after a Linear needs no
 * `sampleInput`; every other layer leaves it unknown.
 */
export function shapeAfter(ir: IRNode, input: Shape | undefined, rules: ReadonlyMap<string, ShapeFunction>): number[] | undefined {
  const definition = findKind(ir.kind);
  if (!definition) return rules.get(ir.kind)?.(ir, input);
  if (input === undefined) return definition.outputShapeWithoutInput?.(ir as never);
  return definition.outputShape?.(ir as never, input, nestedShape(rules));
}

/**
 * The shape rule of a plugin's kind definition, as the registry keeps it: its `outputShape` with
 * a known input (nested nodes through the same rules), its `outputShapeWithoutInput` without one.
 */
export function shapeRuleOf(definition: AnyKindDefinition, rules: ReadonlyMap<string, ShapeFunction>): ShapeFunction {
  return (ir, input) =>
    input === undefined
      ? definition.outputShapeWithoutInput?.(ir as never)
      : definition.outputShape?.(ir as never, input, nestedShape(rules));
}

function nestedShape(rules: ReadonlyMap<string, ShapeFunction>): (node: IRNode, shape: Shape) => number[] {
  return (node, shape) => {
    const out = shapeAfter(node, shape, rules);
    if (out === undefined) {
      throw new InteropError('E_INVALID_IR', `No shape rule for IR kind "${node.kind}"`, {
        fix: 'Give the plugin that defines this kind a `kinds` entry whose definition has an outputShape rule',
      });
    }
    return out;
  };
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
