import { InteropError, Tensor, expectBytes } from '@interop/core';
import { treeFromMsgpack, treeToMsgpack } from '@interop/flax';
import { readFlaxMsgpack, writeFlaxMsgpack } from '@interop/formats';

/** A tree of named arrays, as one Linen collection holds them. */
export type VariableTree = { [name: string]: Tensor | VariableTree };

/** Linen variables: collections (`params`, `batch_stats`) of trees. */
export type Variables = { [collection: string]: VariableTree };

/**
 * The `params` tree of `variables`, refusing a tree handed over without its collection level
 * (`{ kernel, bias }` instead of `{ params: { kernel, bias } }`), a common slip.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT when `params` is missing.
 * @example
 * ```ts
 * const { kernel } = requireParams({ params: { kernel } }, 'Dense');
 * ```
 */
export function requireParams(variables: Variables, layer: string): VariableTree {
  const params = variables.params;
  if (params === undefined || params instanceof Tensor) {
    const keys = Object.keys(variables);
    throw new InteropError('E_INVALID_ARGUMENT', `${layer} variables have no top-level 'params' collection`, {
      found: keys.join(', ') || '(empty)',
      hint: `pass { params: { ${keys.join(', ')} } }, the dict module.init returns, not its params`,
    });
  }
  return params;
}

/**
 * The tensor at `name` in a tree, or undefined.
 *
 * @example
 * ```ts
 * leaf(params, 'bias');
 * ```
 */
export function leaf(tree: VariableTree | undefined, name: string): Tensor | undefined {
  const v = tree?.[name];
  return v instanceof Tensor ? v : undefined;
}

/**
 * The subtree at `name` in a tree, or undefined (for an array or nothing there).
 *
 * @example
 * ```ts
 * subtree(params, 'layers_0');
 * ```
 */
export function subtree(tree: VariableTree | undefined, name: string): VariableTree | undefined {
  const v = tree?.[name];
  return v === undefined || v instanceof Tensor ? undefined : v;
}

/**
 * True when a tree's names are exactly `names` (a cell's gate Denses).
 *
 * @example
 * ```ts
 * hasExactly(params, ['ir', 'iz', 'in', 'hr', 'hz', 'hn']);
 * ```
 */
export function hasExactly(tree: VariableTree, names: readonly string[]): boolean {
  const own = Object.keys(tree);
  return own.length === names.length && names.every((k) => own.includes(k));
}

/**
 * The tensor at `name` in a layer's params, refusing a missing one by name.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the layer and the missing array.
 * @example
 * ```ts
 * const kernel = requireLeaf(params, 'kernel', 'Dense');
 * ```
 */
export function requireLeaf(tree: VariableTree, name: string, layer: string): Tensor {
  const t = leaf(tree, name);
  if (!t)
    throw new InteropError('E_INVALID_ARGUMENT', `${layer} params lack '${name}'`, { found: Object.keys(tree).join(', ') || '(none)' });
  return t;
}

/**
 * Reads what `flax.serialization.to_bytes(variables)` wrote, keeping the file's key order.
 *
 * @throws {InteropError} the format errors of `readFlaxMsgpack`; E_FORMAT_CORRUPT for a non-dict tree.
 * @example
 * ```ts
 * const variables = readVariables(await readFile('dense.msgpack'));
 * ```
 */
export function readVariables(bytes: Uint8Array): Variables {
  expectBytes(bytes, 'linen.readVariables(bytes)', 'a Flax .msgpack file');
  return variablesOfTree(readFlaxMsgpack(bytes));
}

/**
 * The variables of a msgpack tree as `msgpackCodec` opens it, keeping its key order (lazy
 * tensors stay lazy).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a non-dict tree or a collection that is an array.
 * @example
 * ```ts
 * const variables = variablesOfTree(msgpackCodec.openSource(source));
 * ```
 */
export function variablesOfTree(msgpack: unknown): Variables {
  const tree = treeFromMsgpack(msgpack, 'a Linen variables file');
  if (tree instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', 'Linen variables must be a dict of collections');
  for (const [name, c] of Object.entries(tree)) {
    if (c instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', `collection '${name}' is an array, not a dict`);
  }
  return tree as Variables;
}

/**
 * Writes variables as `flax.serialization.to_bytes` does, for `from_bytes` in Python.
 *
 * @example
 * ```ts
 * await writeFile('dense.msgpack', writeVariables(variables));
 * ```
 */
export function writeVariables(variables: Variables): Uint8Array {
  return writeFlaxMsgpack(treeToMsgpack(variables));
}
