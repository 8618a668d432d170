import { InteropError } from '@interop/core';
import { replaceByPureDict, state } from './graph.js';
import type { PureDict } from './graph.js';
import { missing, subtreeOf as sub } from './layer-spec.js';
import type { AnyModule } from './module.js';
import { ModuleTree } from './module-tree.js';
import type { TreeChild } from './module-tree.js';
import { Sequential } from './modules/sequential.js';
import { nnxSpecs } from './spec.js';

/** An architecture read off a state tree (its values loaded), with every default it had to assume. */
export interface InferredArchitecture {
  /** The model, holding the tree's arrays. */
  module: AnyModule;
  /** One line per assumption, with the path it concerns. */
  assumed: string[];
}

function infer(tree: PureDict, path: string, assumed: string[]): AnyModule {
  const keys = Object.keys(tree).sort();
  const layers = sub(tree, 'layers');
  if (layers && keys.length === 1) return inferSequential(layers, `${path ? `${path}/` : ''}layers`, assumed);
  const layer = nnxSpecs.infer(tree, path, assumed);
  if (layer) return layer;
  if (keys.length > 0 && keys.every((k) => sub(tree, k))) return inferTree(tree, path, assumed);
  return missing(path || '(root)', tree, 'no layer stores these names');
}

const isIndex = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k);
const className = (path: string): string => {
  const attr =
    path
      .split('/')
      .filter((p) => !isIndex(p))
      .pop() ?? 'model';
  return attr.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()) || 'Model';
};

// A dict of dicts that no layer explains: a user's module, its attributes in the file's (sorted)
// order; a dict of contiguous integer keys is an nnx.List.
function inferTree(tree: PureDict, path: string, assumed: string[]): ModuleTree {
  const prefix = path ? `${path}/` : '';
  const name = path ? className(path) : 'Model';
  const children: Record<string, TreeChild> = {};
  for (const key of Object.keys(tree)) {
    if (isIndex(key)) missing(path || '(root)', tree, `integer keys (${key}) at a module's level, where attribute names were expected`);
    const child = sub(tree, key)!;
    const indices = Object.keys(child);
    if (indices.length > 0 && indices.every(isIndex)) {
      const items = indices.map(Number).sort((a, b) => a - b);
      const gaps = Array.from({ length: items[items.length - 1]! + 1 }, (_, i) => i).filter((i) => !items.includes(i));
      if (gaps.length > 0) {
        throw new InteropError(
          'E_MISSING_ARCH',
          `${prefix}${key}: list items ${gaps.join(', ')} hold no state (a Dropout, a function, ...), which a state file cannot tell apart; pass a spec`,
          { found: indices.join(', ') },
        );
      }
      children[key] = items.map((i) =>
        infer(
          sub(child, String(i)) ?? missing(`${prefix}${key}/${i}`, child, 'an array where a module was expected'),
          `${prefix}${key}/${i}`,
          assumed,
        ),
      );
    } else {
      children[key] = infer(child, `${prefix}${key}`, assumed);
    }
  }
  assumed.push(
    `${path || '(root)'}: a module ${name} of ${Object.keys(children).join(', ')}, in the file's sorted order; its declaration order and forward are not stored, so it converts layer by layer`,
  );
  return new ModuleTree(name, children);
}

function inferSequential(layers: PureDict, path: string, assumed: string[]): AnyModule {
  const indices = Object.keys(layers).map(Number);
  if (indices.some((i) => !Number.isInteger(i) || i < 0)) missing(path, layers, 'Sequential layer keys must be integers');
  const count = Math.max(...indices) + 1;
  const gaps = Array.from({ length: count }, (_, i) => i).filter((i) => !indices.includes(i));
  if (gaps.length > 0) {
    throw new InteropError(
      'E_MISSING_ARCH',
      `${path}: layers ${gaps.join(', ')} hold no state (an activation, a Dropout, ...), which a state file cannot tell apart; pass a spec`,
      {
        found: indices.join(', '),
      },
    );
  }
  return new Sequential(
    ...indices
      .sort((a, b) => a - b)
      .map((i) =>
        infer(sub(layers, String(i)) ?? missing(`${path}/${i}`, layers, 'an array where a layer was expected'), `${path}/${i}`, assumed),
      ),
  );
}

/**
 * Reads an architecture off a state tree (`readPureDict` of a msgpack file, or the tree of a
 * safetensors file), each layer by its spec entry's `infer`: `kernel` rank 2 is a Linear, rank 3-5 a Conv, `embedding` an Embed,
 * `mean`/`var` a BatchNorm, the eight gate Linears an LSTMCell, `dense_i`/`dense_h` a GRUCell,
 * `scale`/`bias` a LayerNorm, `layers/<i>` a Sequential; any other dict of dicts is a
 * {@link ModuleTree} of its attributes (contiguous integer keys an `nnx.List`), without a forward.
 * Returns the model holding the arrays and the defaults it assumed.
 *
 * @throws {InteropError} E_MISSING_ARCH where the names do not fix a layer (a Sequential or list
 *   with gaps, where functions sat, or unknown names).
 * @example
 * ```ts
 * const { module, assumed } = inferArchitecture(readPureDict(bytes));
 * ```
 */
export function inferArchitecture(pure: PureDict): InferredArchitecture {
  const assumed: string[] = [];
  const module = infer(pure, '', assumed);
  replaceByPureDict(state(module), pure);
  return { module, assumed };
}
