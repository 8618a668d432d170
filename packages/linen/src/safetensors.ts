import { InteropError, Tensor, expectBytes } from '@interop/core';
import { readSafetensors, writeSafetensors } from '@interop/formats';
import type { VariableTree, Variables } from './variables.js';

function flatten(tree: VariableTree, prefix: string, out: Map<string, Tensor>): Map<string, Tensor> {
  for (const [k, v] of Object.entries(tree)) {
    if (k.includes('/'))
      throw new InteropError('E_INVALID_ARGUMENT', `variable name '${k}' contains '/', the safetensors key separator`, { path: prefix });
    const key = prefix ? `${prefix}/${k}` : k;
    if (v instanceof Tensor) out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

/**
 * Writes Linen variables as safetensors, keys as `flax.traverse_util.flatten_dict(variables,
 * sep='/')` spells them (`params/layers_0/kernel`, `batch_stats/mean`).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a name containing `/`.
 * @example
 * ```ts
 * await writeFile('model.safetensors', writeVariablesSafetensors(variables));
 * ```
 */
export function writeVariablesSafetensors(variables: Variables, metadata?: Readonly<Record<string, string>>): Uint8Array {
  return writeSafetensors(flattenVariables(variables), metadata ?? null);
}

/**
 * The tensors {@link writeVariablesSafetensors} writes, by `/`-joined key (the safetensors codec's tree).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a name containing `/`.
 * @example
 * ```ts
 * safetensorsCodec.layout(flattenVariables(variables));
 * ```
 */
export function flattenVariables(variables: Variables): Map<string, Tensor> {
  return flatten(variables, '', new Map());
}

/**
 * Reads Linen variables from safetensors whose keys are `/`-joined paths; collections and names
 * come back in the file's order (safetensors sorts by dtype, then name).
 *
 * @throws {InteropError} the format errors of `readSafetensors`; E_FORMAT_CORRUPT when a key is
 *   both an array and a prefix of another, or has no collection level.
 * @example
 * ```ts
 * const variables = readVariablesSafetensors(await readFile('model.safetensors'));
 * ```
 */
export function readVariablesSafetensors(bytes: Uint8Array): Variables {
  expectBytes(bytes, 'linen.readVariablesSafetensors(bytes)', 'a .safetensors file');
  return variablesOfTensors(readSafetensors(bytes).tensors);
}

/**
 * Linen variables from tensors by `/`-joined key (the safetensors codec's tree), in its order.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT as {@link readVariablesSafetensors}.
 * @example
 * ```ts
 * const variables = variablesOfTensors(safetensorsCodec.openSource(source) as Map<string, Tensor>);
 * ```
 */
export function variablesOfTensors(tensors: ReadonlyMap<string, Tensor>): Variables {
  const root: VariableTree = {};
  for (const [key, tensor] of tensors) {
    const parts = key.split('/');
    if (parts.length < 2) {
      throw new InteropError('E_FORMAT_CORRUPT', `safetensors key '${key}' has no collection ('params/...')`, { path: key });
    }
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part] ?? (node[part] = {});
      if (next instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', `safetensors key '${key}' extends an array`, { path: key });
      node = next;
    }
    const last = parts[parts.length - 1]!;
    if (node[last] !== undefined)
      throw new InteropError('E_FORMAT_CORRUPT', `safetensors key '${key}' is both an array and a group`, { path: key });
    node[last] = tensor;
  }
  return root as Variables;
}
