import type { StateTree } from '../graph.js';
import { Dropout } from '../modules/dropout.js';
import { Embedding } from '../modules/embedding.js';
import { Linear } from '../modules/linear.js';
import { activationLayers, functions } from './activations.js';
import { cells, hasKey } from './cells.js';
import { convs } from './convs.js';
import { arr, dict, keysAre, keywordCall, needed, optional } from './entry.js';
import type { InferContext, SpecEntry } from './entry.js';
import { norms } from './norms.js';
import { pools } from './pools.js';

/** A size as Python would write it: an int for one entry. */
const size = (s: readonly number[]) => (s.length === 1 ? s[0]! : [...s]);

function inferLinear(states: StateTree): Linear | undefined {
  const w = dict(states.weight);
  const kernel = arr(w?.weight);
  if (!kernel || kernel.ndim !== 2 || !keysAre(states, ['weight'])) return undefined;
  return new Linear(kernel.shape[0]!, kernel.shape[1]!, { bInit: arr(w!.bias) ? 'ZeroInit' : null });
}

function inferEmbedding(states: StateTree, ctx: InferContext): Embedding | undefined {
  const table = arr(states.weight);
  if (!table) return undefined;
  ctx.assume('Embedding from a bare table (weight not a dict)');
  return new Embedding(table.shape[0]!, table.shape.slice(1));
}

/**
 * The spec table: one entry per BrainState class (or `jax.nn` function) a spec may name (`type`),
 * with the mapping that converts it, how it is read and written, and how it is read off a state
 * file where the states tell; `Sequential` and `Module` are the containers around them. Adding a
 * layer: its module, its mapping, its entry here with its `fields`, their tests, its README row,
 * `pnpm docs:specs` (`specs.test.ts` checks that the lists agree; the all package's
 * `guide-specs.test.ts` that the fields are the reader's and docs/specs/ is current).
 *
 * @example
 * ```ts
 * specs.Linear.read({ type: 'Linear', in_size: 4, out_size: 8 }); // brainstate.nn.Linear(4, 8)
 * ```
 */
export const specs: Readonly<Record<string, SpecEntry>> = {
  ...activationLayers,
  ...functions,
  ...cells,
  ...convs,
  Dropout: {
    mapping: 'Dropout',
    layerType: Dropout,
    read: keywordCall(Dropout),
    write: (m) => ({ type: 'Dropout', prob: m.prob }),
    fields: { prob: optional('float', 0.5), broadcast_dims: optional('int[]', []) },
  } satisfies SpecEntry<Dropout>,
  Embedding: {
    mapping: 'Embedding',
    layerType: Embedding,
    read: keywordCall(Embedding),
    write: (m) => ({
      type: 'Embedding',
      num_embeddings: m.numEmbeddings,
      embedding_size: size(m.embeddingSize),
      ...(m.paddingIdx === null ? {} : { padding_idx: m.paddingIdx }),
    }),
    fields: { num_embeddings: needed('int', 10), embedding_size: needed('int | int[]', 8), padding_idx: optional('int | null', null) },
    infer: inferEmbedding,
  } satisfies SpecEntry<Embedding>,
  Linear: {
    mapping: 'Linear',
    layerType: Linear,
    read: keywordCall(Linear),
    write: (m) => ({
      type: 'Linear',
      in_size: size(m.inSize!),
      out_size: size(m.outSize!),
      ...(hasKey(m.weight.value, 'bias') ? {} : { b_init: null }),
    }),
    fields: { in_size: needed('int | int[]', 4), out_size: needed('int | int[]', 8), b_init: optional("'ZeroInit' | null", 'ZeroInit') },
    infer: inferLinear,
  } satisfies SpecEntry<Linear>,
  ...norms,
  ...pools,
};

export type { InferContext, ModuleClass, ModuleSpec, ModuleTreeSpec, SpecEntry } from './entry.js';
