import { DTYPES } from '@interop/core';
import type { DirectoryCodec, FileArray } from '@interop/core';
import type { MsgpackInput } from '../msgpack/values.js';
import { openOrbaxCheckpoint } from '../orbax/open-orbax.js';
import { flattenOrbaxInput } from '../orbax/orbax-input.js';
import { saveOrbaxCheckpoint } from '../orbax/save-orbax.js';
import { limitsOf } from './limits-of.js';

const MARKERS = new Set(['_METADATA', 'manifest.ocdbt', '_CHECKPOINT_METADATA', 'checkpoint', 'commit_success.txt']);
// CheckpointManager step folders (`12`, `checkpoint_12`, `step_12`) and legacy Flax `checkpoint_N` files.
const STEP = /^(?:[A-Za-z_]*?_)?\d{1,15}$/;

/**
 * Orbax checkpoints as a directory format: an item directory (`StandardCheckpointer`,
 * `PyTreeCheckpointer`; OCDBT or not, zarr v2 or v3), a `CheckpointManager` root or step folder
 * (step and item chosen by the options), Orbax <= 0.5 and legacy Flax `checkpoint_N` msgpack.
 * Opens through `openOrbaxCheckpoint` with every array a lazy tensor; writes through
 * `saveOrbaxCheckpoint` (Orbax's default layout: OCDBT, zarr v2), refusing an existing directory.
 *
 * @example
 * ```ts
 * const opened = await orbaxCodec.open('ckpts', { step: 3 });
 * try { await saveEqxLeaves('model.eqx', toLeaves(opened.tree)); } finally { await opened.close(); }
 * ```
 */
export const orbaxCodec: DirectoryCodec = {
  id: 'orbax',
  title: 'Orbax checkpoint (StandardCheckpointer / CheckpointManager)',
  detect: (entries) => entries.some((n) => MARKERS.has(n) || STEP.test(n)),
  async open(path, options = {}) {
    const ckpt = await openOrbaxCheckpoint(path, {
      ...(options.step !== undefined ? { step: options.step } : {}),
      ...(options.item !== undefined ? { item: options.item } : {}),
      limits: limitsOf(options),
    });
    try {
      const { layout } = ckpt;
      const how = [
        layout.format === 'orbax' ? 'Orbax' : layout.format,
        layout.ocdbt ? 'OCDBT' : '',
        layout.zarr ? `zarr v${layout.zarr}` : '',
      ];
      return {
        tree: ckpt.lazyTree(),
        path: layout.path,
        layout: how.filter((s) => s !== '').join(', '),
        ...(layout.step !== undefined ? { step: layout.step } : {}),
        ...(layout.item !== undefined ? { item: layout.item } : {}),
        arrays: () => ckpt.list().map((e) => ({ path: e.path, dtype: e.dtype, shape: e.shape, byteLength: e.byteLength })),
        close: () => ckpt.close(),
      };
    } catch (error) {
      await ckpt.close();
      throw error;
    }
  },
  arrays: (tree) =>
    flattenOrbaxInput(tree as MsgpackInput)
      .filter((leaf) => leaf.array !== undefined)
      .map((leaf): FileArray => {
        const { dtype, shape } = leaf.array!;
        return { path: leaf.keys.join('/'), dtype, shape, byteLength: shape.reduce((a, b) => a * b, DTYPES[dtype].itemSize) };
      }),
  async write(path, tree, options = {}) {
    const leaves = flattenOrbaxInput(tree as MsgpackInput);
    await saveOrbaxCheckpoint(path, tree as MsgpackInput, {
      ...(options.inputs ? { inputs: options.inputs } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return leaves.reduce((s, l) => s + (l.array ? l.array.shape.reduce((a, b) => a * b, DTYPES[l.array.dtype].itemSize) : 0), 0);
  },
};
