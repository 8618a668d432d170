import { InteropError, Tensor } from '@interop/core';
import type { TensorTree } from '@interop/core';
import { variablesOfTree } from './variables.js';
import type { Variables } from './variables.js';

/** The variables read from an Orbax tree, and what was left out of it. */
export interface OrbaxVariables {
  /** The Linen variables (`{params, batch_stats, ...}`). */
  variables: Variables;
  /** Lines for the reader's `assumed`: the entries of a TrainState that were not converted. */
  assumed: string[];
}

// Flax's TrainState fields besides `params`; a custom TrainState adds `batch_stats` (and others).
const TRAIN_STATE_FIELDS = ['step', 'opt_state'];

/** True for a dict whose leaves are all arrays: what a Linen collection is. */
function isCollection(v: TensorTree | null | undefined): boolean {
  if (!(v instanceof Map)) return false;
  for (const x of v.values()) if (!(x instanceof Tensor) && !isCollection(x)) return false;
  return true;
}

function describe(key: string): string {
  return key === 'opt_state' ? 'opt_state (optimizer state)' : key;
}

function joinAnd(keys: readonly string[]): string {
  return keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`;
}

/**
 * The Linen variables of what an Orbax directory holds: the variables as saved
 * (`{params, batch_stats, ...}`), a bare params dict (`state.params`, read as `{params}`), or a
 * flax `TrainState` (`{step, params, opt_state}`, often with `batch_stats`): its `params` and
 * `batch_stats` are read and the rest (step, optimizer state, other fields) is named in
 * `assumed` as not converted. A tree is read as a TrainState when it has a top-level `params`
 * and either TrainState's own fields or entries that are not collections (dicts of arrays).
 *
 * @throws {InteropError} E_UNSUPPORTED_STRUCTURE for a tree with entries that are not
 * collections and no top-level `params`, naming the keys found.
 * @example
 * ```ts
 * const { variables, assumed } = variablesOfOrbax(await ckpt.loadTree());
 * ```
 */
export function variablesOfOrbax(tree: TensorTree | null): OrbaxVariables {
  if (!(tree instanceof Map)) return { variables: variablesOfTree(tree), assumed: [] };
  const keys = [...tree.keys()];
  if (!tree.has('params')) {
    if (isCollection(tree)) return { variables: variablesOfTree(new Map([['params', tree]])), assumed: [] };
    throw new InteropError(
      'E_UNSUPPORTED_STRUCTURE',
      'The Orbax tree is neither Linen variables nor a TrainState: it has no top-level params',
      {
        found: keys.join(', ') || '(empty)',
        expected:
          '{params, batch_stats, ...} (variables), {step, params, opt_state, ...} (a flax TrainState) or a bare params dict of arrays',
        fix: 'Save the variables (or the TrainState, or state.params) with StandardCheckpointer, or pass --item to pick the item that holds them',
      },
    );
  }
  const trainState = TRAIN_STATE_FIELDS.some((k) => tree.has(k)) || keys.some((k) => !isCollection(tree.get(k)));
  if (!trainState) return { variables: variablesOfTree(tree), assumed: [] };
  // params is read whatever it holds, so a broken one is refused by variablesOfTree with its path.
  const read = ['params', ...(isCollection(tree.get('batch_stats')) ? ['batch_stats'] : [])];
  const left = keys.filter((k) => !read.includes(k));
  const variables = variablesOfTree(new Map(read.map((k) => [k, tree.get(k)!])));
  return {
    variables,
    assumed: [`read ${joinAnd(read)} of a TrainState; ${joinAnd(left.map(describe))} not converted`],
  };
}
