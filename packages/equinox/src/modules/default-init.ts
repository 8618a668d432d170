import { isShapeOnly, placeholderTensor } from '@interop/core';
import type { Tensor } from '@interop/core';
import { checkFloatDType, checkShape, normal, split, uniform } from '@interop/runtime';
import type { FloatDType, KeyLike } from '@interop/runtime';

// Equinox layers split the constructor's `key` themselves and draw `uniform(-lim, lim)`
// (equinox.nn._misc.default_init); these reproduce each layer's split and bounds. The JAX
// primitives (split, uniform, normal) are the runtime's; the splits are Equinox's convention.

/** Keyword arguments shared by the Equinox initialisers. */
export interface InitOptions {
  /** Whether the layer has a bias; default true. */
  useBias?: boolean;
  /** Parameter dtype; default float32. */
  dtype?: FloatDType;
}

const PLACEHOLDER = {
  framework: 'Equinox',
  fix: 'Load the file into the model (treeFromLeaves) before reading its arrays; build it with moduleFromSpec to get initial values',
};

/** A shape-only build's array, refusing the dtype and shape that the sampler `op` refuses. */
function placeholder(dtype: FloatDType | undefined, shape: number[], op: string): Tensor {
  return placeholderTensor(checkFloatDType(dtype, op), checkShape(shape, op), PLACEHOLDER);
}

function bounded(k: KeyLike, shape: number[], lim: number, dtype: FloatDType | undefined): Tensor {
  if (isShapeOnly()) return placeholder(dtype, shape, 'uniform');
  return uniform(k, shape, { dtype, minval: -lim, maxval: lim });
}

/** `split(k, n)`, or `k` n times in a shape-only build (whose arrays draw nothing). */
function subkeys(k: KeyLike, n: number): KeyLike[] {
  return isShapeOnly() ? Array<KeyLike>(n).fill(k) : (split(k, n).unstack() as KeyLike[]);
}

/**
 * `eqx.nn.Linear(in, out, key=key)`: `wkey, bkey = split(key)`, both uniform(±1/sqrt(in)),
 * weight `(out, in)`.
 *
 * @example
 * ```ts
 * const { weight, bias } = linearInit(PRNGKey(0), 4, 8);
 * ```
 */
export function linearInit(k: KeyLike, inFeatures: number, outFeatures: number, o: InitOptions = {}) {
  const [wkey, bkey] = subkeys(k, 2) as [KeyLike, KeyLike];
  const lim = inFeatures === 0 ? 1 : 1 / Math.sqrt(inFeatures);
  return {
    weight: bounded(wkey, [outFeatures, inFeatures], lim, o.dtype),
    bias: o.useBias === false ? null : bounded(bkey, [outFeatures], lim, o.dtype),
  };
}

/**
 * `eqx.nn.Conv(num_spatial_dims, in, out, kernel_size, groups=..., key=key)`: weight
 * `(out, in/groups, *kernel)` and bias `(out, 1, ..., 1)`, uniform(±1/sqrt(in/groups * prod(kernel))).
 *
 * @example
 * ```ts
 * convInit(PRNGKey(0), 3, 5, [3, 3]); // eqx.nn.Conv2d(3, 5, 3)
 * ```
 */
export function convInit(
  k: KeyLike,
  inChannels: number,
  outChannels: number,
  kernelSize: number[],
  o: InitOptions & { groups?: number } = {},
) {
  const [wkey, bkey] = subkeys(k, 2) as [KeyLike, KeyLike];
  const grouped = inChannels / (o.groups ?? 1);
  const lim = 1 / Math.sqrt(grouped * kernelSize.reduce((a, b) => a * b, 1));
  return {
    weight: bounded(wkey, [outChannels, grouped, ...kernelSize], lim, o.dtype),
    bias: o.useBias === false ? null : bounded(bkey, [outChannels, ...kernelSize.map(() => 1)], lim, o.dtype),
  };
}

/**
 * `eqx.nn.Embedding(num, size, key=key)`: a standard normal `(num, size)` from the key itself.
 *
 * @example
 * ```ts
 * embeddingInit(PRNGKey(0), 10, 6);
 * ```
 */
export function embeddingInit(k: KeyLike, numEmbeddings: number, embeddingSize: number, o: InitOptions = {}) {
  const shape = [numEmbeddings, embeddingSize];
  return { weight: isShapeOnly() ? placeholder(o.dtype, shape, 'normal') : normal(k, shape, { dtype: o.dtype }) };
}

/**
 * `eqx.nn.LSTMCell(input, hidden, key=key)`: `split(key, 3)` for weight_ih `(4H, in)`,
 * weight_hh `(4H, H)`, bias `(4H,)`, all uniform(±sqrt(1/H)).
 *
 * @example
 * ```ts
 * lstmCellInit(PRNGKey(0), 3, 4);
 * ```
 */
export function lstmCellInit(k: KeyLike, inputSize: number, hiddenSize: number, o: InitOptions = {}) {
  const [ih, hh, b] = subkeys(k, 3) as [KeyLike, KeyLike, KeyLike];
  const lim = Math.sqrt(1 / hiddenSize);
  return {
    weight_ih: bounded(ih, [4 * hiddenSize, inputSize], lim, o.dtype),
    weight_hh: bounded(hh, [4 * hiddenSize, hiddenSize], lim, o.dtype),
    bias: o.useBias === false ? null : bounded(b, [4 * hiddenSize], lim, o.dtype),
  };
}

/**
 * `eqx.nn.GRUCell(input, hidden, key=key)`: `split(key, 4)` for weight_ih `(3H, in)`,
 * weight_hh `(3H, H)`, bias `(3H,)`, bias_n `(H,)`, all uniform(±sqrt(1/H)).
 *
 * @example
 * ```ts
 * gruCellInit(PRNGKey(0), 3, 4);
 * ```
 */
export function gruCellInit(k: KeyLike, inputSize: number, hiddenSize: number, o: InitOptions = {}) {
  const [ih, hh, b, bn] = subkeys(k, 4) as [KeyLike, KeyLike, KeyLike, KeyLike];
  const lim = Math.sqrt(1 / hiddenSize);
  const useBias = o.useBias !== false;
  return {
    weight_ih: bounded(ih, [3 * hiddenSize, inputSize], lim, o.dtype),
    weight_hh: bounded(hh, [3 * hiddenSize, hiddenSize], lim, o.dtype),
    bias: useBias ? bounded(b, [3 * hiddenSize], lim, o.dtype) : null,
    bias_n: useBias ? bounded(bn, [hiddenSize], lim, o.dtype) : null,
  };
}
