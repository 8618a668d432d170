import type { StateTree } from '../graph.js';
import { Conv, Conv1d, Conv2d, Conv3d } from '../modules/conv.js';
import { hasKey } from './cells.js';
import { arr, dict, keysAre, keywordCall, needShape, needed, optional } from './entry.js';
import type { InferContext, ModuleClass, ModuleSpec, SpecEntry, SpecFields } from './entry.js';

const allOnes = (v: readonly number[]) => v.every((n) => n === 1);

function writeConv(m: Conv): ModuleSpec {
  const spec: ModuleSpec = { type: m.type, in_size: [...m.inSize], out_channels: m.outChannels, kernel_size: [...m.kernelSize] };
  if (!allOnes(m.stride)) spec.stride = [...m.stride];
  if (m.padding !== 'SAME') spec.padding = Array.isArray(m.padding) ? m.padding.map((p) => [...p]) : m.padding;
  if (!allOnes(m.lhsDilation)) spec.lhs_dilation = [...m.lhsDilation];
  if (!allOnes(m.rhsDilation)) spec.rhs_dilation = [...m.rhsDilation];
  if (m.groups !== 1) spec.groups = m.groups;
  if (hasKey(m.weight.value, 'bias')) spec.b_init = 'ZeroInit';
  return spec;
}

/** A conv's states: one `weight` dict whose kernel has `nd` spatial axes; the input shape gives in_size and groups. */
function inferConv<M extends Conv>(type: string, cls: ModuleClass<M>, nd: number) {
  return (states: StateTree, ctx: InferContext): M | undefined => {
    const w = dict(states.weight);
    const kernel = arr(w?.weight);
    if (!w || !kernel || kernel.ndim !== nd + 2 || !keysAre(states, ['weight'])) return undefined;
    const inSize = needShape(ctx, type, nd + 1, states);
    const groups = inSize[nd]! / kernel.shape[nd]!;
    ctx.assume(`${type} with stride 1, padding 'SAME' and no dilation (not stored); groups ${groups} from the input channels`);
    const Cls = cls as unknown as new (...args: unknown[]) => M;
    return new Cls(inSize, kernel.shape[nd + 1]!, kernel.shape.slice(0, nd), { groups, bInit: arr(w.bias) ? 'ZeroInit' : null });
  };
}

/** A conv's fields; `in_size` is one example's shape, channels last. */
const convFields = (inSize: number[]): SpecFields => ({
  in_size: needed('int[]', inSize),
  out_channels: needed('int', 4),
  kernel_size: needed('int | int[]', 3),
  stride: optional('int | int[]', 1),
  padding: optional("'SAME' | 'VALID' | int | [int, int][]", 'SAME'),
  lhs_dilation: optional('int | int[]', 1),
  rhs_dilation: optional('int | int[]', 1),
  groups: optional('int', 1),
  b_init: optional("'ZeroInit' | null", null),
});

function conv<M extends Conv>(type: 'Conv1d' | 'Conv2d' | 'Conv3d', cls: ModuleClass<M>, nd: number): SpecEntry<M> {
  const fields = convFields([...Array(nd).fill(8), 3]);
  return { mapping: type, layerType: cls, read: keywordCall(cls), write: writeConv, infer: inferConv(type, cls, nd), fields };
}

/** `Conv1d`-`3d`: in_size with the channels last, kernel, stride, padding, dilations, groups. */
export const convs = {
  Conv1d: conv('Conv1d', Conv1d, 1),
  Conv2d: conv('Conv2d', Conv2d, 2),
  Conv3d: conv('Conv3d', Conv3d, 3),
};
