import { Flatten } from '../modules/flatten.js';
import { AvgPool1d, AvgPool2d, AvgPool3d, MaxPool1d, MaxPool2d, MaxPool3d } from '../modules/pool.js';
import type { Pool } from '../modules/pool.js';
import { keywordCall, needed, optional } from './entry.js';
import type { ModuleClass, ModuleSpec, SpecEntry, SpecFields } from './entry.js';

/** An int when every entry is the same (Python's `2` for `(2, 2)`), else the list. */
const intOrList = (v: readonly number[]) => (v.every((n) => n === v[0]) ? v[0]! : [...v]);

function writePool(m: Pool): ModuleSpec {
  const spec: ModuleSpec = { type: m.type, kernel_size: intOrList(m.kernelSize) };
  const defaultStride = m.op === 'max' ? m.kernelSize : m.kernelSize.map(() => 1);
  if (m.stride.some((n, i) => n !== defaultStride[i])) spec.stride = intOrList(m.stride);
  const p = m.padding;
  if (Array.isArray(p)) spec.padding = p.every(([l, h]) => l === p[0]![0] && h === l) ? p[0]![0] : p.map(([l, h]) => [l, h]);
  else if (p !== 'VALID') spec.padding = p;
  if (m.inSize) spec.in_size = [...m.inSize];
  return spec;
}

/** `stride` null is the kernel size for a max pool, 1 for an average pool. */
const POOL_FIELDS: SpecFields = {
  kernel_size: needed('int | int[]', 2),
  stride: optional('int | int[] | null', null),
  padding: optional("'VALID' | 'SAME' | int | [int, int][]", 'VALID'),
  in_size: optional('int[] | null', null),
};

type PoolType = `${'Avg' | 'Max'}Pool${1 | 2 | 3}d`;

function pool<M extends Pool>(type: PoolType, cls: ModuleClass<M>): SpecEntry<M> {
  return { mapping: type, layerType: cls, read: keywordCall(cls), write: writePool, fields: POOL_FIELDS };
}

/** Pools (no states: never inferred) and Flatten, with their `in_size` where given. */
export const pools = {
  AvgPool1d: pool('AvgPool1d', AvgPool1d),
  AvgPool2d: pool('AvgPool2d', AvgPool2d),
  AvgPool3d: pool('AvgPool3d', AvgPool3d),
  Flatten: {
    mapping: 'Flatten',
    layerType: Flatten,
    read: keywordCall(Flatten),
    write: (m) => ({
      type: 'Flatten',
      ...(m.startAxis !== 0 ? { start_axis: m.startAxis } : {}),
      ...(m.endAxis !== -1 ? { end_axis: m.endAxis } : {}),
      ...(m.inSize ? { in_size: [...m.inSize] } : {}),
    }),
    fields: { start_axis: optional('int', 0), end_axis: optional('int', -1), in_size: optional('int[] | null', null) },
  } satisfies SpecEntry<Flatten>,
  MaxPool1d: pool('MaxPool1d', MaxPool1d),
  MaxPool2d: pool('MaxPool2d', MaxPool2d),
  MaxPool3d: pool('MaxPool3d', MaxPool3d),
};
