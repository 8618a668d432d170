import { InteropError } from '../errors/interop-error.js';
import { UnsupportedStructureError } from '../errors/named-errors.js';
import type { LinearIR } from '../ir/kinds.js';
import type { ForwardStep } from '../ir/module.js';
import type { IRNode } from '../registry/types.js';
import type { FlattenOrder } from '../tensor/flatten-order.js';
import { reorderFlattenedRows } from '../tensor/flatten-order.js';
import type { Location } from './located.js';

/** The feature map a flatten produced (channels-last shape), or `'unknown'` when no shape was known. */
type Flattened = number[] | 'unknown';

const ELEMENTWISE = new Set(['activation', 'dropout']);

/** True when reordering a flattened map of this shape changes nothing (one channel or one position). */
function trivial(map: readonly number[]): boolean {
  return map.length < 2 || map[map.length - 1] === 1 || map.slice(0, -1).every((d) => d === 1);
}

const unknownShape = (where: Location, what: string, from: FlattenOrder, to: FlattenOrder): InteropError =>
  new InteropError(
    'E_MISSING_ARCH',
    `${what} a flattened feature map whose shape is unknown, so it cannot be made exact between ${from} and ${to} order`,
    {
      ...where,
      fix: 'Pass a sample input (--sample-input H,W,C, or sampleInput in the API) so the shape at the flatten is known',
    },
  );

/**
 * Follows flattened feature maps through one module or stack while converting between
 * frameworks whose flatten orders differ: a `flatten` node (a forward step, a child or a list
 * item) starts one; elementwise nodes pass it on; the Linear that reads it gets its input rows
 * reordered from `from` to `to`; anything else reading it, a residual, or the end of the walk
 * with a map still pending is refused, since nothing else can be reordered exactly. Inactive
 * when the orders agree.
 */
export class FlattenTracker {
  private pending: Flattened | undefined;

  constructor(
    private readonly from: FlattenOrder,
    private readonly to: FlattenOrder,
  ) {}

  /**
   * The node to use for `ir`, which runs with `shape` flowing in: itself, or a Linear with its
   * rows reordered.
   *
   * @throws {InteropError} E_MISSING_ARCH when the map's shape is unknown; E_UNSUPPORTED_STRUCTURE
   *   when a node other than a Linear or an elementwise one reads a map.
   */
  node(ir: IRNode, shape: readonly number[] | undefined, where: Location): IRNode {
    if (this.from === this.to) return ir;
    if (ir.kind === 'flatten') {
      if (this.pending === undefined) this.pending = shape === undefined ? 'unknown' : trivial(shape) ? undefined : [...shape];
      else if (this.pending === 'unknown' || shape === undefined) this.pending = 'unknown';
      return ir;
    }
    const pending = this.pending;
    if (pending === undefined || ELEMENTWISE.has(ir.kind)) return ir;
    this.pending = undefined;
    const layer = where.layer;
    if (ir.kind !== 'linear') {
      if (pending === 'unknown') throw unknownShape(where, `\`${layer}\` reads`, this.from, this.to);
      throw new UnsupportedStructureError(
        `\`${layer}\` reads a flattened feature map, whose element order differs between ${this.from} and ${this.to} frameworks; only a Linear can be reordered`,
        {
          ...where,
          fix: 'Put a Linear right after the flatten, or pool the map to one position (mean over the spatial axes) before flattening',
        },
      );
    }
    if (pending === 'unknown') throw unknownShape(where, `\`${layer}\` reads`, this.from, this.to);
    const linear = ir as LinearIR;
    const kernel = linear.tensors.kernel;
    if (!kernel) return ir;
    return { ...linear, tensors: { ...linear.tensors, kernel: reorderFlattenedRows(kernel, pending, this.from, this.to) } };
  }

  /**
   * A point no flattened map may cross: a residual, or the end of the module or stack (its
   * output, or a parent that holds the reader).
   *
   * @throws {InteropError} as {@link FlattenTracker.node} does for a non-Linear reader.
   */
  barrier(where: Location, what: string): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return;
    if (pending === 'unknown') throw unknownShape(where, `${what} receives`, this.from, this.to);
    throw new UnsupportedStructureError(
      `${what} receives a flattened feature map, whose element order differs between ${this.from} and ${this.to} frameworks`,
      {
        ...where,
        fix: 'Let a Linear in the same module read the flatten, or pool the map to one position before flattening',
      },
    );
  }
}

/**
 * Refuses a model that is itself a flatten of a feature map when the flatten orders differ: its
 * output would come out in the other order.
 */
export function refuseFlattenOutput(
  ir: IRNode,
  shape: readonly number[] | undefined,
  from: FlattenOrder,
  to: FlattenOrder,
  where: Location,
): void {
  const tracker = new FlattenTracker(from, to);
  const at = { ...where, layer: ir.origin?.layer ?? ir.kind };
  tracker.node(ir, shape, at);
  tracker.barrier(at, 'The model output');
}

/** What {@link walkForward} asks of the reader or builder. */
export interface ForwardHooks {
  /** How many nodes child `name` holds (1 for a single child); throws for an unknown name. */
  itemCount(name: string): number;
  /** Reads or builds item `index` of child `name` with `shape` flowing in; returns the output shape. */
  child(name: string, index: number, shape: number[] | undefined): number[] | undefined;
  /** Applies a function step: its output shape. */
  op(node: IRNode, shape: number[] | undefined): number[] | undefined;
}

/**
 * Walks a forward program in order, flowing the unbatched shape. `tracker` sees every op step;
 * the hooks pass it each child node; residuals are barriers.
 */
export function walkForward(
  steps: readonly ForwardStep[],
  shape: number[] | undefined,
  hooks: ForwardHooks,
  tracker: FlattenTracker,
  where: Location,
): number[] | undefined {
  steps.forEach((step, i) => {
    if ('call' in step) {
      const count = hooks.itemCount(step.call);
      for (let k = 0; k < count; k++) shape = hooks.child(step.call, k, shape);
    } else if ('op' in step) {
      tracker.node(step.op, shape, { ...where, layer: `forward step ${i} (${step.op.kind})` });
      shape = hooks.op(step.op, shape);
    } else {
      tracker.barrier(where, `The residual at forward step ${i}`);
      const main = walkForward(step.residual, shape, hooks, tracker, where);
      tracker.barrier(where, `The residual at forward step ${i}`);
      const skip = step.shortcut ? walkForward(step.shortcut, shape, hooks, tracker, where) : shape;
      tracker.barrier(where, `The shortcut at forward step ${i}`);
      shape = main ?? skip;
    }
  });
  return shape;
}
