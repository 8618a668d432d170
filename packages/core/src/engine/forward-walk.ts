import { InteropError } from '../errors/interop-error.js';
import { UnsupportedStructureError } from '../errors/named-errors.js';
import type { LinearIR } from '../ir/kinds.js';
import type { ForwardStep } from '../ir/module.js';
import type { IRNode } from '../registry/types.js';
import type { FlattenOrder } from '../tensor/flatten-order.js';
import { reorderFlattenedRows } from '../tensor/flatten-order.js';
import type { Location } from './located.js';

/** The feature map a flatten produced (channels-last shape), or `'unknown'` when no shape was known. */
export type Flattened = number[] | 'unknown';

/** What {@link walkForward} asks of the reader or builder. */
export interface ForwardHooks {
  /** How many nodes child `name` holds (1 for a single child); throws for an unknown name. */
  itemCount(name: string): number;
  /**
   * Reads or builds item `index` of child `name` with `shape` flowing in; `flattened` is set
   * while the flatten order differs and this node reads a flattened map. Returns the output shape
   * and whether the node passed the flattened map through unchanged (elementwise).
   */
  child(name: string, index: number, shape: number[] | undefined, flattened: Flattened | undefined): { shape: number[] | undefined; passes: boolean };
  /** The output shape of a function step. */
  op(node: IRNode, shape: number[] | undefined): number[] | undefined;
}

const ELEMENTWISE = new Set(['activation', 'dropout']);

/** True when reordering a flattened map of this shape changes nothing (one channel or one position). */
function trivial(map: number[]): boolean {
  const channels = map[map.length - 1]!;
  return channels === 1 || map.slice(0, -1).every((d) => d === 1) || map.length < 2;
}

/**
 * Walks a forward program in order, flowing the unbatched shape, and tracks a flattened feature
 * map for frameworks whose flatten order differs from the IR's (channels-last).
 */
export function walkForward(steps: readonly ForwardStep[], shape: number[] | undefined, hooks: ForwardHooks, order: FlattenOrder): number[] | undefined {
  let pending: Flattened | undefined;
  for (const step of steps) {
    if ('call' in step) {
      const count = hooks.itemCount(step.call);
      for (let i = 0; i < count; i++) {
        const result = hooks.child(step.call, i, shape, pending);
        shape = result.shape;
        if (!result.passes) pending = undefined;
      }
    } else if ('op' in step) {
      const kind = step.op.kind;
      if (kind === 'flatten' && order === 'channels-first') {
        pending = shape === undefined ? 'unknown' : trivial(shape) ? undefined : [...shape];
      } else if (!ELEMENTWISE.has(kind)) pending = undefined;
      shape = hooks.op(step.op, shape);
    } else {
      if (pending !== undefined) pending = undefined;
      const main = walkForward(step.residual, shape, hooks, order);
      const skip = step.shortcut ? walkForward(step.shortcut, shape, hooks, order) : shape;
      shape = main !== undefined && skip !== undefined ? main : (main ?? skip);
    }
  }
  return shape;
}

/**
 * What a node that reads a flattened map becomes: a Linear gets its input rows reordered from
 * `from` to `to`; an elementwise node passes the map on; anything else cannot be reordered.
 *
 * @throws {InteropError} E_MISSING_ARCH when a Linear reads a map whose shape is unknown.
 * @throws {UnsupportedStructureError} when a non-Linear layer reads a reordered map.
 */
export function consumeFlattened(ir: IRNode, flattened: Flattened, from: FlattenOrder, to: FlattenOrder, where: Location): { ir: IRNode; passes: boolean } {
  if (ELEMENTWISE.has(ir.kind)) return { ir, passes: true };
  if (ir.kind !== 'linear') {
    if (flattened === 'unknown') return { ir, passes: false };
    throw new UnsupportedStructureError(
      `\`${where.layer}\` reads a flattened feature map, whose element order differs between ${from} and ${to} frameworks; only a Linear can be reordered`,
      { ...where, fix: 'Put a Linear right after the flatten, or pool the map to one position (mean over the spatial axes) before flattening' },
    );
  }
  if (flattened === 'unknown') {
    throw new InteropError('E_MISSING_ARCH', `\`${where.layer}\` reads a flattened feature map whose shape is unknown, so its input rows cannot be reordered between ${from} and ${to} order`, {
      ...where,
      fix: 'Pass a sample input (--sample-input H,W,C, or sampleInput in the API) so the shape at the flatten is known',
    });
  }
  const linear = ir as LinearIR;
  const kernel = linear.tensors.kernel;
  if (!kernel) return { ir, passes: false };
  return { ir: { ...linear, tensors: { ...linear.tensors, kernel: reorderFlattenedRows(kernel, flattened, from, to) } }, passes: false };
}
