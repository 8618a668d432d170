import { InteropError, UnsupportedStructureError, inferOutputShape, reorderFlattenedRows, transpose } from '@interop/core';
import type { ForwardStep, IRNode, LayerIR } from '@interop/core';
import { shapeChannelsFirst, shapeChannelsLast } from './layout.js';
import { Layer } from './module.js';
import type { Module } from './module.js';
import { Dropout } from './modules/dropout.js';
import { Lambda } from './modules/lambda.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { SequentialLayer } from './modules/sequential.js';
import type { State } from './state.js';

// Lambda(jnp.ravel) layers whose reading Linear now holds channels-last columns.
const handled = new WeakSet<Lambda>();

/**
 * Whether this `Lambda(jnp.ravel)` layer was met by {@link orderRavelReaders}, which gave the
 * Linear reading it channels-last columns: the flatten it reads as is then exact.
 */
export function isOrderedRavel(m: Module): boolean {
  return m instanceof Lambda && handled.has(m);
}

/** A flattened map still waiting for its reader: its channels-last shape, or unknown. */
type Pending = number[] | 'unknown' | undefined;

interface Flow {
  shape: number[] | undefined;
  pending: Pending;
}

const ELEMENTWISE_OPS = new Set(['activation', 'dropout']);
const trivial = (cl: number[]) => cl.length < 2 || cl[cl.length - 1] === 1 || cl.slice(0, -1).every((d) => d === 1);

function outShape(m: Module, shape: number[] | undefined, state: State | null): number[] | undefined {
  // As the engine: a Linear fixes the shape even where its input's is unknown.
  if (shape === undefined && m instanceof Linear && m.outFeatures !== 'scalar') return [m.outFeatures];
  if (shape === undefined || !(m instanceof Layer)) return undefined;
  try {
    return m.outputShape(shape, state ?? undefined);
  } catch {
    return undefined; // the engine reports a shape that does not fit, at the layer
  }
}

function opShape(op: IRNode, shape: number[] | undefined): number[] | undefined {
  if (shape === undefined) return undefined;
  if (op.kind === 'flatten') return [shape.reduce((a, b) => a * b, 1)];
  try {
    return shapeChannelsFirst(inferOutputShape(op as LayerIR, shapeChannelsLast(shape)));
  } catch {
    return undefined;
  }
}

function refuse(path: string, what: string): never {
  throw new UnsupportedStructureError(`\`${what}\` reads the C·H·W map of a Lambda(jnp.ravel), whose order differs in channels-last frameworks; only a Linear can be reordered`, {
    path,
    fix: 'Put a Linear right after the ravel, or pool the map to one position before it',
  });
}

/** Where a ravel stands: replaces it in the structure being rebuilt. */
type Slot = (m: Module) => void;

/**
 * `read`: a model read into the IR (C·H·W columns become H·W·C), nested trees included; `build`:
 * one level of a model built from the IR (H·W·C columns become C·H·W; nested trees and
 * Sequentials were built, and ordered, before); `shape`: shapes only.
 */
type Mode = 'read' | 'build' | 'shape';

const ignore: Slot = () => undefined;

class Walk {
  /** The ravel whose map is pending, while its reader is not met yet. */
  private ravel: Slot | undefined;

  constructor(
    readonly state: State | null,
    readonly mode: Mode,
  ) {}

  /** One module at `slot`, with `flow` coming in; `nested` for a container inside the walked one. */
  module(m: Module, flow: Flow, path: string, slot: Slot, nested = true): Flow {
    if ((m instanceof ModuleTree || m instanceof Sequential) && nested && this.mode === 'build') {
      if (flow.pending !== undefined && flow.pending !== 'unknown') refuse(path, m instanceof ModuleTree ? m.name : m.type);
      return new Walk(this.state, 'shape').module(m, flow, path, ignore);
    }
    if (m instanceof ModuleTree) return this.tree(m, flow, path, slot);
    if (m instanceof Sequential) {
      const layers = [...m.layers] as Module[];
      let f = flow;
      layers.forEach((l, i) => {
        f = this.module(l, f, `${path}/layers/${i}`, (n) => {
          layers[i] = n;
          slot(new Sequential(layers as SequentialLayer[]));
        });
      });
      return f;
    }
    const shape = outShape(m, flow.shape, this.state);
    if (this.mode === 'shape') return { shape, pending: undefined };
    const { pending } = flow;
    if (m instanceof Lambda && m.fn === 'ravel') {
      if (pending !== undefined) return { shape, pending };
      if (flow.shape === undefined) return { shape, pending: 'unknown' };
      const map = shapeChannelsLast(flow.shape);
      if (!trivial(map)) this.ravel = slot;
      return { shape, pending: trivial(map) ? undefined : map };
    }
    if (pending === undefined || (m instanceof Lambda && m.fn !== 'log_softmax') || m instanceof Dropout) return { shape, pending };
    if (!(m instanceof Linear)) {
      if (pending === 'unknown') return { shape, pending: undefined };
      refuse(path, m.type);
    }
    if (pending === 'unknown') {
      throw new InteropError('E_MISSING_ARCH', `\`${path}\` (Linear) reads a Lambda(jnp.ravel) of a feature map whose shape is unknown, so its columns cannot be reordered between C·H·W and H·W·C order`, {
        path,
        fix: 'Pass a sample input (--sample-input H,W,C, or sampleInput in the API) so the shape at the ravel is known',
      });
    }
    const [from, to] = this.mode === 'read' ? (['channels-first', 'channels-last'] as const) : (['channels-last', 'channels-first'] as const);
    const kernel = reorderFlattenedRows(transpose(m.weight, [1, 0]), pending, from, to);
    slot(m.replace({ weight: transpose(kernel, [1, 0]) }));
    if (this.mode === 'read') {
      // A fresh ravel, marked as read exactly (a shared instance may stand elsewhere unread).
      const fresh = new Lambda('ravel');
      handled.add(fresh);
      this.ravel?.(fresh);
    }
    this.ravel = undefined;
    return { shape, pending: undefined };
  }

  tree(tree: ModuleTree, flow: Flow, path: string, slot: Slot): Flow {
    if (!tree.forward) return { shape: undefined, pending: undefined };
    const children: Record<string, TreeChild> = { ...tree.children };
    const rebuild = () => slot(new ModuleTree(tree.name, children, tree.forward));
    const steps = (list: readonly ForwardStep[], start: Flow, where: string): Flow => {
      let f = start;
      list.forEach((step, i) => {
        if ('call' in step) {
          const at = path === '' ? step.call : `${path}/${step.call}`;
          const c = children[step.call]!;
          if (!Array.isArray(c)) {
            f = this.module(c as Module, f, at, (n) => {
              children[step.call] = n;
              rebuild();
            });
            return;
          }
          (c as Module[]).forEach((m, k) => {
            f = this.module(m, f, `${at}/${k}`, (n) => {
              children[step.call] = (children[step.call] as Module[]).map((old, j) => (j === k ? n : old));
              rebuild();
            });
          });
        } else if ('op' in step) {
          const kind = step.op.kind;
          const passes = ELEMENTWISE_OPS.has(kind) || kind === 'flatten';
          if (this.mode !== 'shape' && f.pending !== undefined && f.pending !== 'unknown' && !passes) refuse(`${where}/${i}`, kind);
          f = { shape: opShape(step.op, f.shape), pending: passes ? f.pending : undefined };
        } else {
          if (this.mode !== 'shape' && f.pending !== undefined && f.pending !== 'unknown') refuse(`${where}/${i}`, 'residual');
          const main = steps(step.residual, f, `${where}/${i}/residual`);
          const skip = step.shortcut ? steps(step.shortcut, f, `${where}/${i}/shortcut`) : f;
          f = { shape: main.shape ?? skip.shape, pending: undefined };
        }
      });
      return f;
    };
    return steps(tree.forward, flow, path === '' ? 'forward' : `${path}/forward`);
  }
}

function walkRoot(model: Module, inputShape: readonly number[] | undefined, state: State | null, mode: Mode): { model: Module; flow: Flow } {
  let out: Module = model;
  const flow = new Walk(state, mode).module(model, { shape: inputShape ? shapeChannelsFirst([...inputShape]) : undefined, pending: undefined }, '', (m) => {
    out = m;
  }, false);
  return { model: out, flow };
}

/**
 * The model as the IR reads it: where a `Lambda(jnp.ravel)` layer (as Equinox's MNIST example
 * lists it) feeds a Linear, that Linear's columns are moved from C·H·W to H·W·C order and the
 * ravel is marked exact, so the tree reads into channels-last IR that computes the same. The
 * shapes flow from `inputShape` (one channels-last example) through the forward programs.
 *
 * @throws {InteropError} E_MISSING_ARCH when a Linear reads a ravel of unknown shape;
 *   E_UNSUPPORTED_STRUCTURE when another layer or op reads a ravelled map.
 * @example
 * ```ts
 * const readable = orderRavelReaders(cnn, [12, 12, 1], null);
 * ```
 */
export function orderRavelReaders(model: Module, inputShape: readonly number[] | undefined, state: State | null): Module {
  if (!(model instanceof ModuleTree || model instanceof Sequential)) return model;
  return walkRoot(model, inputShape, state, 'read').model;
}

/**
 * The inverse for a tree or Sequential just built from the IR, one level deep: a flatten item
 * became a `Lambda(jnp.ravel)`, which Equinox computes C·H·W, so the Linear reading it gets its
 * H·W·C columns moved to C·H·W order.
 *
 * @throws {InteropError} E_MISSING_ARCH when a Linear reads a flatten of unknown shape;
 *   E_UNSUPPORTED_STRUCTURE when anything else reads it, or it is the model's output.
 * @example
 * ```ts
 * const exact = orderRavelsBuilt(tree, ctx.inputShape, state);
 * ```
 */
export function orderRavelsBuilt(model: Module, inputShape: readonly number[] | undefined, state: State | null): Module {
  if (!(model instanceof ModuleTree || model instanceof Sequential)) return model;
  const { model: out, flow } = walkRoot(model, inputShape, state, 'build');
  if (flow.pending === 'unknown') {
    throw new InteropError('E_MISSING_ARCH', 'The model ends with a flatten of a feature map whose shape is unknown, and Equinox ravels C·H·W where the source flattens H·W·C', {
      fix: 'Pass a sample input (--sample-input H,W,C, or sampleInput in the API)',
    });
  }
  if (flow.pending !== undefined) refuse('forward', 'the output');
  return out;
}
