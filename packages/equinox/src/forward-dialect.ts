import { InteropError } from '@interop/core';
import type { ForwardStep, IRNode } from '@interop/core';
import { rankAfterOp, rankIn, rankOut } from './example-rank.js';
import type { Module } from './module.js';
import { ModuleTree } from './modules/module-tree.js';
import type { TreeChild } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import type { SequentialLayer } from './modules/sequential.js';

/**
 * Which way axes are translated: `in` reads a spec's Equinox axes (of the channels-first
 * example) into the IR's channels-last axes, `out` writes IR axes back as Equinox axes.
 */
export type Direction = 'in' | 'out';

function refuse(direction: Direction, path: string, message: string, fix: string): never {
  if (direction === 'in') throw new InteropError('E_INVALID_SPEC', message, { path, fix });
  throw new InteropError('E_CONVERSION', message, { path, fix });
}

/** Axis `a` of a rank-`r` example in the other layout, keeping a negative axis negative. */
function moveAxis(a: number, r: number, direction: Direction): number {
  const n = a < 0 ? a + r : a;
  // Equinox (C, *S) ↔ IR (*S, C): axis 0 ↔ r-1, axis i ↔ i-1.
  const m = direction === 'in' ? (n === 0 ? r - 1 : n - 1) : n === r - 1 ? 0 : n + 1;
  return a < 0 ? m - r : m;
}

const CHANNEL_FIX = 'Reduce the channel axis with keepdims, or together with every spatial axis';

function translateOp(node: IRNode, r: number | undefined, direction: Direction, path: string): IRNode {
  const p = node.params as Record<string, unknown>;
  const needRank = (what: string): number => {
    if (r === undefined) {
      refuse(
        direction,
        path,
        `The rank of the example reaching this ${what} is unknown, so its axes cannot be moved between channels-first and channels-last`,
        'Call a layer that fixes the rank (a Conv, pool or Linear) before this step',
      );
    }
    return r;
  };
  switch (node.kind) {
    case 'softmax': {
      const rank = needRank('softmax');
      return rank < 2 ? node : ({ ...node, params: { ...p, axis: moveAxis(p.axis as number, rank, direction) } } as IRNode);
    }
    case 'mean': {
      const rank = needRank('mean');
      if (rank < 2) return node;
      const axes = (p.axes as number[]).map((a) => moveAxis(a, rank, direction));
      const channel = direction === 'in' ? rank - 1 : 0;
      const out = rankAfterOp(node, rank)!;
      if (!p.keepdims && out >= 2 && axes.some((a) => (a < 0 ? a + rank : a) === channel)) {
        refuse(
          direction,
          path,
          'A mean that drops the channel axis and keeps two or more axes lays them out differently channels-first and channels-last',
          CHANNEL_FIX,
        );
      }
      return { ...node, params: { ...p, axes } } as IRNode;
    }
    case 'reshape': {
      const s = (p.shape as number[]).length;
      if (direction === 'in' && s === 1) return { kind: 'flatten', params: {}, tensors: {} } as IRNode;
      if (r !== undefined && r <= 1 && s <= 1) return node;
      return refuse(
        direction,
        path,
        direction === 'in'
          ? 'A reshape of a channels-first example into two or more axes has no channels-last equivalent'
          : 'A reshape of a channels-last example (other than between vectors) cannot be written as a reshape of the channels-first example',
        direction === 'in'
          ? 'Use { "fn": "flatten" } (jnp.ravel) or a reshape between vectors'
          : 'Flatten with { "fn": "flatten" } instead, so the Linear that reads it is reordered',
      );
    }
    default:
      return node;
  }
}

interface Walk {
  direction: Direction;
  done: Map<Module, { module: Module; rank: number | undefined }>;
}

function moduleAt(m: Module, r: number | undefined, walk: Walk, path: string): { module: Module; rank: number | undefined } {
  const seen = walk.done.get(m);
  if (seen) return seen;
  let result: { module: Module; rank: number | undefined };
  if (m instanceof ModuleTree) result = treeAt(m, r, walk, path);
  else if (m instanceof Sequential) {
    let rank = r;
    const layers = m.layers.map((l, i) => {
      const t = moduleAt(l, rank, walk, `${path}/layers/${i}`);
      rank = t.rank;
      return t.module as SequentialLayer;
    });
    result = { module: layers.every((l, i) => l === m.layers[i]) ? m : new Sequential(layers), rank };
  } else result = { module: m, rank: rankOut(m, r) };
  walk.done.set(m, result);
  return result;
}

function firstRank(steps: readonly ForwardStep[], child: (name: string) => TreeChild): number | undefined {
  const first = steps[0];
  if (!first) return undefined;
  if ('call' in first) {
    const c = child(first.call);
    const m = Array.isArray(c) ? (c as Module[])[0] : (c as Module);
    if (!m) return undefined;
    if (m instanceof ModuleTree) return m.forward ? firstRank(m.forward, (n) => m.children[n]!) : undefined;
    if (m instanceof Sequential) return m.layers[0] ? rankIn(m.layers[0]) : undefined;
    return rankIn(m);
  }
  if ('residual' in first) return firstRank(first.residual, child);
  return undefined;
}

function treeAt(tree: ModuleTree, r: number | undefined, walk: Walk, path: string): { module: Module; rank: number | undefined } {
  const children = new Map<string, TreeChild>(Object.entries(tree.children));
  const call = (name: string, rank: number | undefined): number | undefined => {
    const c = children.get(name)!;
    const at = path === '' ? name : `${path}/${name}`;
    if (!Array.isArray(c)) {
      const t = moduleAt(c as Module, rank, walk, at);
      children.set(name, t.module);
      return t.rank;
    }
    let k = rank;
    children.set(
      name,
      (c as Module[]).map((m, i) => {
        const t = moduleAt(m, k, walk, `${at}/${i}`);
        k = t.rank;
        return t.module;
      }),
    );
    return k;
  };
  const steps = (
    list: readonly ForwardStep[],
    rank: number | undefined,
    where: string,
  ): { steps: ForwardStep[]; rank: number | undefined } => {
    let k = rank;
    const out = list.map((step, i): ForwardStep => {
      const at = `${where}/${i}`;
      if ('call' in step) {
        k = call(step.call, k);
        return step;
      }
      if ('op' in step) {
        const op = translateOp(step.op, k, walk.direction, at);
        k = rankAfterOp(step.op, k);
        return { op };
      }
      const main = steps(step.residual, k, `${at}/residual`);
      const skip = step.shortcut ? steps(step.shortcut, k, `${at}/shortcut`) : undefined;
      k = main.rank ?? skip?.rank ?? k;
      return skip ? { residual: main.steps, shortcut: skip.steps } : { residual: main.steps };
    });
    return { steps: out, rank: k };
  };
  const base = path === '' ? 'forward' : `${path}/forward`;
  const flow = tree.forward ? steps(tree.forward, r ?? firstRank(tree.forward, (n) => tree.children[n]!), base) : undefined;
  for (const name of children.keys()) {
    const c = tree.children[name]!;
    const untouched = Array.isArray(c) ? (c as Module[]).every((m) => !walk.done.has(m)) : !walk.done.has(c as Module);
    if (untouched) call(name, undefined);
  }
  const module = new ModuleTree(tree.name, Object.fromEntries(children), flow?.steps);
  return { module, rank: flow?.rank };
}

/**
 * The tree with the axes of its forward programs (and those of nested trees) moved between
 * Equinox's channels-first example and the IR's channels-last one: `in` after reading a spec,
 * `out` before writing one. The rank of the example at each step flows from the layers that fix
 * it (a Conv2d gives 3, a Linear 1); a `reshape` into one axis is `jnp.ravel`, i.e. `flatten`.
 *
 * @throws {InteropError} E_INVALID_SPEC (`in`) or E_CONVERSION (`out`) naming the step whose
 *   axes cannot be moved: unknown rank, a reshape between multi-axis shapes, a mean that drops
 *   the channel axis and keeps two or more.
 * @example
 * ```ts
 * translateAxes(tree, 'in'); // { fn: 'mean', axis: [1, 2] } after a Conv2d becomes mean over [0, 1]
 * ```
 */
export function translateAxes<T extends Module>(model: T, direction: Direction): T {
  return moduleAt(model, undefined, { direction, done: new Map() }, '').module as T;
}
