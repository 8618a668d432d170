import { InteropError } from '@interop/core';
import type { ActivationFn } from '@interop/core';
import type { AnyModule } from './module.js';
import { Activation } from './modules/activation.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Conv } from './modules/conv.js';
import type { NnxPadding } from './modules/conv.js';
import { Dropout } from './modules/dropout.js';
import { Embed } from './modules/embed.js';
import { GRUCell } from './modules/gru-cell.js';
import { GroupNorm } from './modules/group-norm.js';
import { LSTMCell } from './modules/lstm-cell.js';
import { LayerNorm } from './modules/layer-norm.js';
import { Linear } from './modules/linear.js';
import { RMSNorm } from './modules/rms-norm.js';
import { Sequential } from './modules/sequential.js';
import { Rngs } from './rngs.js';
import { bad, bool, dtype, need, num, sizes } from './spec-values.js';
import { treeFromSpec } from './tree-spec.js';
import type { ModuleSpec } from './spec-values.js';

export type { ModuleSpec } from './spec-values.js';

/** Options of {@link moduleFromSpec}. */
export interface FromSpecOptions {
  /**
   * Seed of the root layer's `nnx.Rngs`; a Sequential's layer `i` gets `seed + i + 1`, as the
   * conformance tooling's `build_nnx` seeds them. A `Module` builds its children in declaration
   * order from one shared `nnx.Rngs(seed)`, as a Python class's `__init__(rngs)` does (a
   * `Dropout` gets no `rngs`). @default 0
   */
  seed?: number;
}

const DT = ['dtype', 'param_dtype'];
const NORM = ['num_features', 'epsilon', 'use_bias', 'use_scale', 'use_fast_variance', ...DT];
const KNOWN: Record<string, readonly string[]> = {
  BatchNorm: [...NORM, 'use_running_average', 'momentum'],
  Conv: ['in_features', 'out_features', 'kernel_size', 'strides', 'padding', 'input_dilation', 'kernel_dilation', 'feature_group_count', 'use_bias', ...DT],
  Dropout: ['rate', 'broadcast_dims', 'deterministic', 'rng_collection'],
  Embed: ['num_embeddings', 'features', ...DT],
  GRUCell: ['in_features', 'hidden_features', ...DT],
  GroupNorm: [...NORM, 'num_groups', 'group_size'],
  LSTMCell: ['in_features', 'hidden_features', ...DT],
  LayerNorm: NORM,
  Linear: ['in_features', 'out_features', 'use_bias', ...DT],
  Module: ['name', 'children', 'forward'],
  RMSNorm: ['num_features', 'epsilon', 'use_scale', ...DT],
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

// NNX arguments (and attributes a dumped module shows) this package does not model, accepted at
// their default value only.
const AT_DEFAULT: Record<string, unknown> = {
  axis: -1,
  feature_axis: -1,
  feature_axes: -1,
  axis_name: null,
  axis_index_groups: null,
  precision: null,
  preferred_element_type: null,
  mask: null,
  carry_init: null,
  keep_rngs: true,
  promote_dtype: null,
  use_fast_variance: true,
};

function atDefault(spec: ModuleSpec, arg: string, value: unknown): boolean {
  if (arg === 'reduction_axes') return JSON.stringify(value) === (spec.type === 'GroupNorm' ? 'null' : '-1');
  if (arg === 'kernel_shape' && spec.type === 'Conv') {
    // A dumped module's derived attribute: accepted when it is what the other arguments give.
    const ks = spec.kernel_size as number[] | number;
    const groups = (spec.feature_group_count as number | undefined) ?? 1;
    const want = [...(typeof ks === 'number' ? [ks] : ks), (spec.in_features as number) / groups, spec.out_features];
    return JSON.stringify(value) === JSON.stringify(want);
  }
  return arg in AT_DEFAULT && JSON.stringify(value) === JSON.stringify(AT_DEFAULT[arg]);
}

/**
 * Builds a module from its spec (`{"type": "Linear", "in_features": 3, "out_features": 5}`), its
 * weights drawn from `nnx.Rngs(seed)` as the conformance tooling's `build_nnx` draws them. A
 * `{"type": "Module", "name", "children", "forward"}` spec builds a {@link ModuleTree}.
 *
 * @throws {InteropError} E_INVALID_SPEC for an unknown type, an argument not supported here, or
 *   a value of the wrong type.
 * @example
 * ```ts
 * const model = moduleFromSpec({ type: 'Sequential', layers: [{ type: 'Linear', in_features: 3, out_features: 5 }] });
 * ```
 */
export function moduleFromSpec(spec: ModuleSpec, options: FromSpecOptions = {}): AnyModule {
  return fromSpec(spec, options.seed ?? 0, undefined);
}

function unknownType(spec: ModuleSpec): never {
  throw new InteropError('E_INVALID_SPEC', `unknown NNX module type '${spec.type}'`, {
    found: JSON.stringify(spec),
    expected: Object.keys(KNOWN).join(', '),
    fix: "Use one of the expected types (Python's class or function name)",
  });
}

// `shared`: the one nnx.Rngs a Module's children draw from, in declaration order.
function fromSpec(spec: ModuleSpec, seed: number, shared: Rngs | undefined): AnyModule {
  if (typeof spec !== 'object' || spec === null || typeof spec.type !== 'string') bad('a spec needs a string "type"', spec);
  const known = KNOWN[spec.type] ?? unknownType(spec);
  for (const arg of Object.keys(spec)) {
    if (arg !== 'type' && !known.includes(arg) && !atDefault(spec, arg, spec[arg])) bad(`${spec.type} argument '${arg}' is not supported here`, spec);
  }
  try {
    return build(spec, seed, shared);
  } catch (e) {
    if (e instanceof InteropError && e.code === 'E_INVALID_ARGUMENT') bad(`${spec.type}: ${e.message}`, spec);
    throw e;
  }
}

function build(spec: ModuleSpec, seed: number, shared: Rngs | undefined): AnyModule {
  const d = { dtype: dtype(spec, 'dtype') ?? null, paramDtype: dtype(spec, 'param_dtype') ?? 'float32' };
  const rngs = shared ?? new Rngs(seed);
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
      return new BatchNorm(need(spec, 'num_features'), {
        ...d,
        rngs,
        useRunningAverage: bool(spec, 'use_running_average'),
        momentum: num(spec, 'momentum'),
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    case 'Conv': {
      const kernelSize = sizes(spec, 'kernel_size') ?? bad('Conv needs kernel_size', spec);
      return new Conv(need(spec, 'in_features'), need(spec, 'out_features'), kernelSize, {
        ...d,
        rngs,
        strides: sizes(spec, 'strides'),
        padding: spec.padding as NnxPadding | undefined,
        inputDilation: sizes(spec, 'input_dilation'),
        kernelDilation: sizes(spec, 'kernel_dilation'),
        featureGroupCount: num(spec, 'feature_group_count'),
        useBias: bool(spec, 'use_bias'),
      });
    }
    case 'Dropout':
      return new Dropout(need(spec, 'rate'), {
        deterministic: bool(spec, 'deterministic'),
        ...(spec.broadcast_dims !== undefined ? { broadcastDims: spec.broadcast_dims as number[] } : {}),
        ...(spec.rng_collection !== undefined ? { rngCollection: spec.rng_collection as string } : {}),
      });
    case 'Embed':
      return new Embed(need(spec, 'num_embeddings'), need(spec, 'features'), { ...d, rngs });
    case 'GRUCell':
      return new GRUCell(need(spec, 'in_features'), need(spec, 'hidden_features'), { ...d, rngs });
    case 'LSTMCell':
      return new LSTMCell(need(spec, 'in_features'), need(spec, 'hidden_features'), { ...d, rngs });
    case 'GroupNorm': {
      const groupSize = spec.group_size === null ? null : num(spec, 'group_size');
      // A dumped module shows num_groups and group_size (and no num_features); num_groups wins when they agree.
      const both = typeof spec.num_groups === 'number' && typeof groupSize === 'number';
      const features = num(spec, 'num_features') ?? (both ? (spec.num_groups as number) * groupSize : need(spec, 'num_features'));
      if (both && features !== (spec.num_groups as number) * groupSize) bad('GroupNorm num_groups * group_size must equal num_features', spec);
      return new GroupNorm(features, {
        ...d,
        rngs,
        numGroups: spec.num_groups === null ? null : num(spec, 'num_groups'),
        groupSize: both ? null : groupSize,
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    }
    case 'LayerNorm':
      return new LayerNorm(need(spec, 'num_features'), {
        ...d,
        rngs,
        epsilon: num(spec, 'epsilon'),
        useBias: bool(spec, 'use_bias'),
        useScale: bool(spec, 'use_scale'),
        useFastVariance: bool(spec, 'use_fast_variance'),
      });
    case 'Linear':
      return new Linear(need(spec, 'in_features'), need(spec, 'out_features'), { ...d, rngs, useBias: bool(spec, 'use_bias') });
    case 'RMSNorm':
      return new RMSNorm(need(spec, 'num_features'), { ...d, rngs, epsilon: num(spec, 'epsilon'), useScale: bool(spec, 'use_scale') });
    case 'Module':
      return treeFromSpec(spec, (child) => fromSpec(child, seed, rngs));
    default: {
      const layers = spec.layers;
      if (!Array.isArray(layers)) bad('Sequential needs a "layers" list', spec);
      return new Sequential(...(layers as ModuleSpec[]).map((s, i) => fromSpec(s, seed + i + 1, shared)));
    }
  }
}
