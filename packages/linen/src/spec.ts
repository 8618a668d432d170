import { InteropError } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import type { FloatDType } from '@interop/runtime';
import type { DtypeOptions } from './dtypes.js';
import type { AnyModule } from './module.js';
import { Activation } from './modules/activation.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import type { LinenPadding } from './modules/conv.js';
import { Dense } from './modules/dense.js';
import { Dropout } from './modules/dropout.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import { treeFromSpec } from './tree-spec.js';

/** A module as JSON: the Python constructor call, snake_case argument names. */
export type ModuleSpec = { type: string; [arg: string]: unknown };

const KNOWN: Record<string, readonly string[]> = {
  BatchNorm: ['use_running_average', 'momentum', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'],
  Conv: ['features', 'kernel_size', 'strides', 'padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias', 'dtype', 'param_dtype'],
  Dense: ['features', 'use_bias', 'dtype', 'param_dtype'],
  Dropout: ['rate', 'deterministic'],
  Embed: ['num_embeddings', 'features', 'dtype', 'param_dtype'],
  GRUCell: ['features', 'dtype', 'param_dtype'],
  LSTMCell: ['features', 'dtype', 'param_dtype'],
  GroupNorm: ['num_groups', 'group_size', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'],
  LayerNorm: ['epsilon', 'use_bias', 'use_scale', 'use_fast_variance', 'dtype', 'param_dtype'],
  RMSNorm: ['epsilon', 'use_scale', 'dtype', 'param_dtype'],
  Sequential: ['layers'],
  relu: [],
  gelu: ['approximate'],
  silu: [],
  swish: [],
  tanh: [],
  sigmoid: [],
  softplus: [],
  identity: [],
  elu: ['alpha'],
  leaky_relu: ['negative_slope'],
};

// Linen arguments this package does not model, accepted at their default value only.
const AT_DEFAULT: Record<string, unknown> = {
  axis: -1,
  feature_axes: -1,
  force_float32_reductions: true,
  use_fast_variance: true,
  broadcast_dims: [],
  rng_collection: 'dropout',
  precision: null,
  dot_general: null,
  dot_general_cls: null,
  conv_general_dilated: null,
  conv_general_dilated_cls: null,
  mask: null,
  axis_name: null,
  axis_index_groups: null,
};

function atDefault(type: string, arg: string, value: unknown): boolean {
  if (arg === 'reduction_axes') return JSON.stringify(value) === (type === 'GroupNorm' ? 'null' : '-1');
  return arg in AT_DEFAULT && JSON.stringify(value) === JSON.stringify(AT_DEFAULT[arg]);
}

function bad(what: string, spec: unknown, expected?: string): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec), ...(expected ? { expected } : {}) });
}

function num(spec: ModuleSpec, name: string): number | undefined {
  const v = spec[name];
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : bad(`${spec.type}.${name} must be a number`, spec);
}

function bool(spec: ModuleSpec, name: string): boolean | undefined {
  const v = spec[name];
  if (v === undefined) return undefined;
  return typeof v === 'boolean' ? v : bad(`${spec.type}.${name} must be a boolean`, spec);
}

const FLOAT_DTYPES = ['float16', 'bfloat16', 'float32', 'float64'];

function dtype(spec: ModuleSpec, name: string): FloatDType | undefined {
  const v = spec[name];
  if (v === undefined || v === null) return undefined;
  return FLOAT_DTYPES.includes(v as string) ? (v as FloatDType) : bad(`${spec.type}.${name} must be a float dtype name`, spec);
}

function dtypes(spec: ModuleSpec): DtypeOptions {
  return { dtype: dtype(spec, 'dtype') ?? null, paramDtype: dtype(spec, 'param_dtype') ?? 'float32' };
}


const TYPES = [...Object.keys(KNOWN), 'Module'].sort().join(', ');

/**
 * Builds a module from its spec (`{"type": "Dense", "features": 8}`), or a {@link ModuleTree}
 * from a `{"type": "Module", "name", "children", "forward"}` spec.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type (listing the known ones), an argument
 *   not supported here, or a value of the wrong type.
 * @example
 * ```ts
 * moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Dense', features: 8 }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec): AnyModule {
  if (typeof spec !== 'object' || spec === null || typeof spec.type !== 'string') bad('a spec needs a string "type"', spec, TYPES);
  if (spec.type === 'Module') return treeFromSpec(spec, moduleFromSpec);
  const known = KNOWN[spec.type] ?? bad(`unknown Linen module type '${spec.type}'`, spec, TYPES);
  for (const arg of Object.keys(spec)) {
    if (arg !== 'type' && !known.includes(arg) && !atDefault(spec.type, arg, spec[arg])) bad(`${spec.type} argument '${arg}' is not supported here`, spec);
  }
  const module = build(spec);
  if (known.includes('param_dtype')) {
    const d = dtypes(spec);
    module.dtype = d.dtype ?? null;
    module.paramDtype = d.paramDtype ?? 'float32';
  }
  return module;
}

function build(spec: ModuleSpec): AnyModule {
  switch (spec.type) {
    case 'gelu':
      return new Activation(bool(spec, 'approximate') === false ? 'gelu' : 'gelu_tanh');
    case 'swish':
      return new Activation('silu');
    case 'elu':
      return new Activation('elu', { alpha: num(spec, 'alpha') ?? 1 });
    case 'leaky_relu':
      return new Activation('leaky_relu', { alpha: num(spec, 'negative_slope') ?? 0.01 });
    case 'relu':
    case 'silu':
    case 'tanh':
    case 'sigmoid':
    case 'softplus':
    case 'identity':
      return new Activation(spec.type as ActivationFn);
    case 'BatchNorm':
      return new BatchNorm({
        useRunningAverage: bool(spec, 'use_running_average'),
        momentum: num(spec, 'momentum'),
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    case 'Conv':
      return new Conv(num(spec, 'features') ?? bad('Conv needs features', spec), spec.kernel_size as number[], {
        strides: spec.strides as number | number[] | undefined,
        padding: spec.padding as LinenPadding | undefined,
        inputDilation: spec.input_dilation as number | number[] | undefined,
        kernelDilation: spec.kernel_dilation as number | number[] | undefined,
        featureGroupCount: num(spec, 'feature_group_count'),
        useBias: bool(spec, 'use_bias'),
      });
    case 'Dense':
      return new Dense(num(spec, 'features') ?? bad('Dense needs features', spec), { useBias: bool(spec, 'use_bias') });
    case 'Dropout':
      return new Dropout(num(spec, 'rate') ?? bad('Dropout needs rate', spec), { deterministic: bool(spec, 'deterministic') });
    case 'Embed':
      return new Embed(num(spec, 'num_embeddings') ?? bad('Embed needs num_embeddings', spec), num(spec, 'features') ?? bad('Embed needs features', spec));
    case 'GRUCell':
      return new GRUCell(num(spec, 'features') ?? bad('GRUCell needs features', spec));
    case 'LSTMCell':
      return new LSTMCell(num(spec, 'features') ?? bad('LSTMCell needs features', spec));
    case 'GroupNorm':
      return new GroupNorm({
        numGroups: spec.num_groups === null ? null : num(spec, 'num_groups'),
        groupSize: spec.group_size === null ? null : num(spec, 'group_size'),
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    case 'LayerNorm':
      return new LayerNorm({
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    case 'RMSNorm':
      return new RMSNorm({ epsilon: num(spec, 'epsilon'), useScale: bool(spec, 'use_scale') });
    default: {
      const layers = spec.layers;
      if (!Array.isArray(layers)) bad('Sequential needs a "layers" list', spec);
      return new Sequential((layers as ModuleSpec[]).map(moduleFromSpec));
    }
  }
}
