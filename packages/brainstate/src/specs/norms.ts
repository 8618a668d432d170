import type { StateTree } from '../graph.js';
import { BatchNorm, BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d } from '../modules/batch-norm.js';
import { GroupNorm } from '../modules/group-norm.js';
import { LayerNorm } from '../modules/layer-norm.js';
import { RMSNorm } from '../modules/rms-norm.js';
import { arr, dict, keysAre, keywordCall, missing, needShape, needed, optional } from './entry.js';
import type { InferContext, ModuleClass, ModuleSpec, SpecEntry, SpecFields } from './entry.js';

/** The shortest decimal that is the same float32 (BrainState keeps BatchNorm's epsilon/momentum as float32). */
function float32Decimal(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const d = Number(v.toPrecision(p));
    if (Math.fround(d) === v) return d;
  }
  return v;
}

/** LayerNorm's and GroupNorm's keyword arguments, where not BrainState's defaults. */
const normArgs = (m: LayerNorm | GroupNorm) => ({
  ...(m.epsilon !== 1e-6 ? { epsilon: m.epsilon } : {}),
  ...(m.useScale ? {} : { use_scale: false }),
  ...(m.useBias ? {} : { use_bias: false }),
  ...(m.useFastVariance ? {} : { use_fast_variance: false }),
});

const NORM_FIELDS: SpecFields = {
  epsilon: optional('float', 1e-6),
  use_scale: optional('bool', true),
  use_bias: optional('bool', true),
  use_fast_variance: optional('bool', true),
};

/** A lone `weight` dict of `scale` and/or `bias`: LayerNorm's states (GroupNorm's too, which cannot be told apart). */
function inferLayerNorm(states: StateTree, ctx: InferContext): LayerNorm | undefined {
  const w = dict(states.weight);
  if (!w || !keysAre(states, ['weight'])) return undefined;
  const [scale, bias] = [arr(w.scale), arr(w.bias)];
  if (!(scale || bias) || !Object.keys(w).every((k) => k === 'scale' || k === 'bias')) return undefined;
  ctx.assume('LayerNorm with epsilon 1e-6 (GroupNorm stores the same names; not stored)');
  return new LayerNorm((scale ?? bias)!.shape.slice(), { useScale: scale !== undefined, useBias: bias !== undefined });
}

function inferRmsNorm(states: StateTree, ctx: InferContext): RMSNorm | undefined {
  const scale = arr(dict(states.scale)?.scale);
  if (!scale) return undefined;
  ctx.assume('RMSNorm with epsilon 1e-6 (not stored)');
  return new RMSNorm(scale.shape.slice());
}

const BNS = [BatchNorm0d, BatchNorm1d, BatchNorm2d, BatchNorm3d] as const;

/** Running statistics of rank `nd + 1`: BatchNorm`nd`d; spatial ones need the input shape. */
function inferBatchNorm(nd: number) {
  return (states: StateTree, ctx: InferContext): BatchNorm | undefined => {
    const mean = arr(states.running_mean);
    if (!mean || !arr(states.running_var)) return undefined;
    if (!BNS[mean.ndim - 1]) missing(ctx.at, `running_mean of rank ${mean.ndim} fits no BatchNorm0d..3d`, states);
    if (mean.ndim - 1 !== nd) return undefined;
    const type = `BatchNorm${nd}d`;
    const inSize = nd === 0 ? [mean.shape[0]!] : needShape(ctx, type, nd + 1, states);
    ctx.assume(`${type} with momentum 0.99 and epsilon 1e-5 (BrainState's defaults; not stored)`);
    return new BNS[nd]!(inSize, { affine: dict(states.weight) !== undefined });
  };
}

function writeBatchNorm(m: BatchNorm): ModuleSpec {
  return {
    type: m.type,
    in_size: [...m.inSize],
    ...(m.momentum !== Math.fround(0.99) ? { momentum: float32Decimal(m.momentum) } : {}),
    ...(m.epsilon !== Math.fround(1e-5) ? { epsilon: float32Decimal(m.epsilon) } : {}),
    ...(m.affine ? {} : { affine: false }),
    ...(m.trackRunningStats ? {} : { track_running_stats: false }),
  };
}

function batchNorm<M extends BatchNorm>(
  type: 'BatchNorm0d' | 'BatchNorm1d' | 'BatchNorm2d' | 'BatchNorm3d',
  cls: ModuleClass<M>,
  nd: number,
): SpecEntry<BatchNorm> {
  const fields: SpecFields = {
    in_size: needed('int[]', [...Array(nd).fill(8), 4]),
    momentum: optional('float', 0.99),
    epsilon: optional('float', 1e-5),
    affine: optional('bool', true),
    track_running_stats: optional('bool', true),
  };
  return { mapping: type, layerType: cls, read: keywordCall(cls), write: writeBatchNorm, infer: inferBatchNorm(nd), fields };
}

/** The normalisations; a GroupNorm's states read as a LayerNorm (the same names), so it is never inferred. */
export const norms = {
  BatchNorm0d: batchNorm('BatchNorm0d', BatchNorm0d, 0),
  BatchNorm1d: batchNorm('BatchNorm1d', BatchNorm1d, 1),
  BatchNorm2d: batchNorm('BatchNorm2d', BatchNorm2d, 2),
  BatchNorm3d: batchNorm('BatchNorm3d', BatchNorm3d, 3),
  GroupNorm: {
    mapping: 'GroupNorm',
    layerType: GroupNorm,
    read: keywordCall(GroupNorm),
    write: (m) => ({
      type: 'GroupNorm',
      in_size: [...m.inSize],
      num_groups: m.numGroups,
      ...normArgs(m),
    }),
    fields: { in_size: needed('int[]', [8]), num_groups: { type: 'int', default: 32, example: 2 }, ...NORM_FIELDS },
  } satisfies SpecEntry<GroupNorm>,
  LayerNorm: {
    mapping: 'LayerNorm',
    layerType: LayerNorm,
    read: keywordCall(LayerNorm),
    write: (m) => ({
      type: 'LayerNorm',
      in_size: [...m.inSize],
      ...normArgs(m),
    }),
    fields: { in_size: needed('int[]', [8]), ...NORM_FIELDS },
    infer: inferLayerNorm,
  } satisfies SpecEntry<LayerNorm>,
  RMSNorm: {
    mapping: 'RMSNorm',
    layerType: RMSNorm,
    read: keywordCall(RMSNorm),
    write: (m) => ({
      type: 'RMSNorm',
      in_size: [...m.inSize],
      ...(m.useScale ? {} : { use_scale: false }),
      ...(m.epsilon !== 1e-6 ? { epsilon: m.epsilon } : {}),
    }),
    fields: { in_size: needed('int[]', [8]), epsilon: optional('float', 1e-6), use_scale: optional('bool', true) },
    infer: inferRmsNorm,
  } satisfies SpecEntry<RMSNorm>,
};
