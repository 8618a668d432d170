import type { IRNode } from '@interop/core';
import type { Module } from './module.js';
import { GRUCell, LSTMCell } from './modules/cells.js';
import { Conv } from './modules/conv.js';
import { Embedding } from './modules/embedding.js';
import { Lambda } from './modules/lambda.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { Pool } from './modules/pool.js';
import { RMSNorm } from './modules/rms-norm.js';

/**
 * The rank of the one example a layer takes, when the layer fixes it (a Conv2d takes
 * `(C, H, W)`, a Linear `(in,)`); `undefined` for layers that take any rank.
 */
export function rankIn(m: Module): number | undefined {
  if (m instanceof Conv || m instanceof Pool) return m.numSpatialDims + 1;
  if (m instanceof Linear) return m.inFeatures === 'scalar' ? 0 : 1;
  if (m instanceof LSTMCell || m instanceof GRUCell) return 1;
  if (m instanceof Embedding) return 0;
  if (m instanceof LayerNorm || m instanceof RMSNorm) return m.shape.length;
  return undefined;
}

/** The rank of a layer's output for an input of rank `rank` (`undefined`: unknown). */
export function rankOut(m: Module, rank: number | undefined): number | undefined {
  if (m instanceof Conv || m instanceof Pool) return m.numSpatialDims + 1;
  if (m instanceof Linear) return m.outFeatures === 'scalar' ? 0 : 1;
  if (m instanceof LSTMCell || m instanceof GRUCell) return 1;
  if (m instanceof Embedding) return rank === undefined ? 1 : rank + 1;
  if (m instanceof Lambda && m.fn === 'ravel') return 1;
  return rank;
}

/** The rank after a forward op (the same in Equinox's and the IR's terms). */
export function rankAfterOp(node: IRNode, rank: number | undefined): number | undefined {
  const p = node.params as Record<string, unknown>;
  switch (node.kind) {
    case 'flatten':
      return 1;
    case 'reshape':
      return (p.shape as number[]).length;
    case 'pool':
      return (p.windowShape as number[]).length + 1;
    case 'mean':
      if (p.keepdims) return rank;
      return rank === undefined ? undefined : rank - new Set((p.axes as number[]).map((a) => (a < 0 ? a + rank : a))).size;
    default:
      return rank;
  }
}
