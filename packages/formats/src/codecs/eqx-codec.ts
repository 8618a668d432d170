import type { FormatCodec } from '@interop/core';
import { eqxLeafTensor, splitNpyStream, writeEqxLeaves } from '../eqx/eqx-leaves.js';
import type { EqxLeaf } from '../eqx/eqx-leaves.js';
import { limitsOf } from './limits-of.js';
import { npyRecordOf, npyRecordsLayout } from './npy-layout.js';
import { listNpyStream, scanNpyStream, startsWithNpyMagic } from './npy-stream.js';

/**
 * The Equinox leaf stream (`eqx.tree_serialise_leaves`): npy records one after another, with no
 * names. Opens as the list of leaves in order (lazily from a source: only headers are read).
 *
 * @example
 * ```ts
 * const leaves = eqxCodec.open(bytes) as Tensor[];
 * ```
 */
export const eqxCodec: FormatCodec = {
  id: 'eqx',
  title: 'Equinox leaf stream (eqx.tree_serialise_leaves)',
  extensions: ['.eqx'],
  detect: startsWithNpyMagic,
  list: (source, options) => listNpyStream(source, limitsOf(options)),
  open: (bytes, options) => splitNpyStream(bytes, { limits: limitsOf(options) }).map((r) => r.tensor),
  openSource: (source, options) => scanNpyStream(source, limitsOf(options)).map((h, i) => npyRecordOf(source, h, `leaf ${i}`)),
  write: (tree) => writeEqxLeaves(tree as readonly EqxLeaf[]),
  layout: (tree) => npyRecordsLayout((tree as readonly EqxLeaf[]).map(eqxLeafTensor)),
};
