import type { Module } from '../module.js';
import type { BatchNorm } from '../modules/batch-norm.js';
import type { GRUCell, LSTMCell } from '../modules/cells.js';
import type { Conv } from '../modules/conv.js';
import type { GroupNorm } from '../modules/group-norm.js';
import { Lambda } from '../modules/lambda.js';
import type { JaxNnName } from '../modules/lambda.js';
import type { LayerNorm } from '../modules/layer-norm.js';
import type { Pool } from '../modules/pool.js';
import type { RMSNorm } from '../modules/rms-norm.js';
import { badSpec, dtypeOf, needed, optional, pythonCall, unlessDefault } from './entry.js';
import type { ModuleClass, ModuleSpec, PythonSignature, SpecEntry, SpecFields } from './entry.js';

// The readers and writers that are more than a Python call and a line of arguments.

const NORM_DEFAULTS = { eps: 1e-5, use_weight: true, use_bias: true, channelwise_affine: true, dtype: 'float32' };

/** The spec arguments a conv shares, whatever its dimension. */
export const CONV_OPTIONAL = ['stride', 'padding', 'dilation', 'groups', 'use_bias', 'padding_mode', 'dtype'] as const;

/** `dtype`: null is JAX's default float dtype (float32). */
export const DTYPE_FIELD: SpecFields = { dtype: optional('dtype | null', null) };

/** The fields of a conv after its channels and kernel size. */
export const CONV_FIELDS: SpecFields = {
  in_channels: needed('int', 1),
  out_channels: needed('int', 4),
  kernel_size: needed('int | int[]', 3),
  stride: optional('int | int[]', 1),
  padding: optional("int | int[] | [int, int][] | 'SAME' | 'SAME_LOWER' | 'VALID'", 0),
  dilation: optional('int | int[]', 1),
  groups: optional('int', 1),
  use_bias: optional('bool', true),
  padding_mode: optional("'ZEROS' | 'REFLECT' | 'REPLICATE' | 'CIRCULAR'", 'ZEROS'),
  ...DTYPE_FIELD,
};

/** The fields of `LayerNorm` and `RMSNorm`. */
export const NORM_FIELDS: SpecFields = {
  shape: needed('int | int[]', 8),
  eps: optional('float', 1e-5),
  use_weight: optional('bool', true),
  use_bias: optional('bool', true),
  ...DTYPE_FIELD,
};

/** The fields of `LSTMCell` and `GRUCell`. */
export const CELL_FIELDS: SpecFields = {
  input_size: needed('int', 4),
  hidden_size: needed('int', 8),
  use_bias: optional('bool', true),
  ...DTYPE_FIELD,
};

const POOL_FIELDS: SpecFields = {
  kernel_size: needed('int | int[]', 2),
  stride: optional('int | int[]', 1),
  padding: optional('int | int[] | [int, int][]', 0),
  use_ceil: optional('bool', false),
};

/** Pools: kernel size, then stride, padding, use_ceil. */
export const POOL_SIGNATURE: PythonSignature = { required: ['kernel_size'], optional: ['stride', 'padding', 'use_ceil'], keyed: false };

/** `Conv` writes its `num_spatial_dims`; `Conv1d`-`3d` only their type. */
export function writeConv(m: Conv): ModuleSpec {
  const n = m.numSpatialDims;
  const head: ModuleSpec = m.type === 'Conv' ? { type: 'Conv', num_spatial_dims: n } : { type: m.type };
  const padding = typeof m.padding === 'string' ? m.padding : m.padding.map(([lo, hi]) => [lo, hi]);
  return {
    ...head,
    in_channels: m.inChannels,
    out_channels: m.outChannels,
    kernel_size: [...m.kernelSize],
    ...unlessDefault(
      {
        stride: [...m.stride],
        padding,
        dilation: [...m.dilation],
        groups: m.groups,
        use_bias: m.useBias,
        padding_mode: m.paddingMode,
        dtype: dtypeOf(m.weight),
      },
      {
        stride: Array(n).fill(1),
        padding: Array(n).fill([0, 0]),
        dilation: Array(n).fill(1),
        groups: 1,
        use_bias: true,
        padding_mode: 'ZEROS',
        dtype: 'float32',
      },
    ),
  };
}

/**
 * `Conv1d`-`3d`: Python's call, plus the `num_spatial_dims` field as Equinox records it (the
 * anchor's module dumps list it), which may only be the class's own.
 */
export function fixedConv<M extends Conv>(cls: ModuleClass<M>, n: number): SpecEntry<M> {
  const call = pythonCall(cls, { required: ['in_channels', 'out_channels', 'kernel_size'], optional: CONV_OPTIONAL, keyed: true });
  const read = (spec: ModuleSpec, seed: number): M => {
    if (spec.num_spatial_dims === undefined) return call(spec, seed);
    if (spec.num_spatial_dims !== n) badSpec(`${spec.type} has num_spatial_dims ${n}`, spec);
    const { num_spatial_dims: _, ...rest } = spec;
    return call(rest as ModuleSpec, seed);
  };
  return { mapping: 'Conv', layerType: cls, read, write: writeConv, fields: { ...CONV_FIELDS, num_spatial_dims: optional('int', n) } };
}

/** A max or average pool of one dimension. */
export function pool<M extends Pool>(mapping: 'AvgPool' | 'MaxPool', cls: ModuleClass<M>): SpecEntry<M> {
  const write = (m: Pool): ModuleSpec => {
    const n = m.numSpatialDims;
    return {
      type: m.type,
      kernel_size: [...m.kernelSize],
      ...unlessDefault(
        { stride: [...m.stride], padding: m.padding.map(([lo, hi]) => [lo, hi]), use_ceil: m.useCeil },
        { stride: Array(n).fill(1), padding: Array(n).fill([0, 0]), use_ceil: false },
      ),
    };
  };
  return { mapping, layerType: cls, read: pythonCall(cls, POOL_SIGNATURE), write, fields: POOL_FIELDS };
}

/** `LayerNorm` and `RMSNorm`: the same arguments. */
export function writeShapeNorm(m: LayerNorm | RMSNorm): ModuleSpec {
  return {
    type: m.type,
    shape: [...m.shape],
    ...unlessDefault({ eps: m.eps, use_weight: m.useWeight, use_bias: m.useBias, dtype: dtypeOf(m.weight, m.bias) }, NORM_DEFAULTS),
  };
}

/** `GroupNorm(groups, channels, eps, channelwise_affine, dtype)`. */
export function writeGroupNorm(m: GroupNorm): ModuleSpec {
  return {
    type: 'GroupNorm',
    groups: m.groups,
    ...unlessDefault(
      { channels: m.channels ?? undefined, eps: m.eps, channelwise_affine: m.channelwiseAffine, dtype: dtypeOf(m.weight, m.bias) },
      NORM_DEFAULTS,
    ),
  };
}

/** `BatchNorm(input_size, axis_name, ...)`. */
export function writeBatchNorm(m: BatchNorm): ModuleSpec {
  return {
    type: 'BatchNorm',
    input_size: m.inputSize,
    axis_name: m.axisName,
    ...unlessDefault(
      {
        eps: m.eps,
        channelwise_affine: m.channelwiseAffine,
        momentum: m.momentum,
        inference: m.inference,
        dtype: dtypeOf(m.weight, m.bias),
        mode: m.mode,
      },
      { ...NORM_DEFAULTS, momentum: 0.99, inference: false, mode: 'ema' },
    ),
  };
}

/** `LSTMCell` and `GRUCell`: input and hidden size. */
export function writeCell(m: LSTMCell | GRUCell): ModuleSpec {
  return {
    type: m.type,
    input_size: m.inputSize,
    hidden_size: m.hiddenSize,
    ...unlessDefault({ use_bias: m.useBias, dtype: m.weightIh.dtype }, { use_bias: true, dtype: 'float32' }),
  };
}

/**
 * `Lambda(fn)`: `fn` a `jax.nn` name, with `approximate` (gelu), `negative_slope` (leaky_relu) or
 * `alpha` (elu), this package's extension of the spec.
 */
export const lambdaSpec: SpecEntry<Lambda> = {
  mapping: 'Lambda',
  layerType: Lambda,
  fields: {
    fn: needed('string', 'relu'),
    approximate: optional('bool', true),
    negative_slope: optional('float', 0.01),
    alpha: optional('float', 1),
  },
  read: (spec) => {
    const { fn, ...rest } = spec as ModuleSpec & { fn?: unknown };
    if (typeof fn !== 'string') badSpec('Lambda needs "fn", the name of a jax.nn function', spec);
    const extra = Object.keys(rest).filter((k) => !['type', 'approximate', 'negative_slope', 'alpha'].includes(k));
    if (extra.length) badSpec(`Lambda argument '${extra[0]}' is not supported`, spec);
    return new Lambda(fn as JaxNnName, {
      ...(spec.approximate !== undefined ? { approximate: spec.approximate as boolean } : {}),
      ...(spec.negative_slope !== undefined ? { negativeSlope: spec.negative_slope as number } : {}),
      ...(spec.alpha !== undefined ? { alpha: spec.alpha as number } : {}),
    });
  },
  write: (m) => {
    switch (m.fn) {
      case 'gelu':
        return { type: 'Lambda', fn: 'gelu', approximate: false };
      case 'gelu_tanh':
        return { type: 'Lambda', fn: 'gelu' };
      case 'leaky_relu':
        return { type: 'Lambda', fn: 'leaky_relu', ...unlessDefault({ negative_slope: m.alpha }, { negative_slope: 0.01 }) };
      case 'elu':
        return { type: 'Lambda', fn: 'elu', ...unlessDefault({ alpha: m.alpha }, { alpha: 1 }) };
      default:
        return { type: 'Lambda', fn: m.fn };
    }
  },
};

/** An entry whose reader is the Python call, with the fields the reference shows. */
export function layer<M extends Module>(
  mapping: SpecEntry['mapping'],
  cls: ModuleClass<M>,
  signature: PythonSignature,
  write: (m: M) => ModuleSpec,
  fields: SpecFields,
): SpecEntry<M> {
  return { mapping, layerType: cls, read: pythonCall(cls, signature), write, fields };
}
