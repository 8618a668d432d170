import { Tensor } from '@interop/core';
import type { TensorTree } from '@interop/core';
import { state, toPureDict } from './graph.js';
import type { PureDict } from './graph.js';
import { requireModule } from './module.js';
import type { AnyModule } from './module.js';

const isValueLeaf = (v: unknown): boolean => v instanceof Map && v.size === 1 && v.has('value') && !(v.get('value') instanceof Map);

function everyLeafIsValue(tree: unknown): boolean {
  if (!(tree instanceof Map) || tree.size === 0) return false;
  return [...tree.values()].every((v) => isValueLeaf(v) || everyLeafIsValue(v));
}

function stripValues(tree: ReadonlyMap<string, unknown>): Map<string, unknown> {
  return new Map(
    [...tree].map(([k, v]) => [k, isValueLeaf(v) ? (v as Map<string, unknown>).get('value') : stripValues(v as Map<string, unknown>)]),
  );
}

/**
 * An Orbax tree of NNX state as the msgpack reader's pure dict: an `nnx.State` saved directly
 * (`StandardCheckpointer().save(dir, nnx.state(model))`, every leaf path ending in `value`) loses
 * its `value` level; a pure dict (`nnx.to_pure_dict(state)`) is taken as it is.
 *
 * @example
 * ```ts
 * loadPureDict(module, pureDictOfTree(pureTreeOfOrbax(opened.tree)));
 * ```
 */
export function pureTreeOfOrbax(tree: TensorTree): TensorTree {
  return everyLeafIsValue(tree) ? stripValues(tree as ReadonlyMap<string, unknown>) : tree;
}

function withValues(pure: PureDict): Map<string, unknown> {
  return new Map(Object.entries(pure).map(([k, v]) => [k, v instanceof Tensor ? new Map([['value', v]]) : withValues(v)]));
}

/**
 * A model's state as `StandardCheckpointer().save(dir, nnx.state(model))` saves it: the pure dict
 * with every array under a `value` key, which Python restores onto `nnx.eval_shape`'s abstract
 * state and `nnx.merge`s into the class.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `model` is not an NNX module.
 * @example
 * ```ts
 * await orbaxCodec.write('ckpt', orbaxStateTree(model));
 * ```
 */
export function orbaxStateTree(model: AnyModule): TensorTree {
  return withValues(toPureDict(state(requireModule(model, 'orbaxStateTree(model)'))));
}
