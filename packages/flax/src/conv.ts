import { ConversionError, InteropError } from '@interop/core';
import type { ConvIR, ConvPadding, PaddingMode, Tensor } from '@interop/core';

/** Flax's `padding`: a mode name, one int for every side, or per-axis ints or `[low, high]` pairs. */
export type FlaxPadding = string | number | Array<number | [number, number]>;

/** The fields of a Flax `Conv` its IR is made of, besides the kernel and the bias. */
export interface ConvFields {
  /** Kernel size per spatial axis. */
  readonly kernelSize: number[];
  /** Flax's `padding`. */
  readonly padding: FlaxPadding;
  /** Strides per spatial axis. */
  readonly strides: number[];
  /** lhs dilation per spatial axis. */
  readonly inputDilation: number[];
  /** rhs dilation per spatial axis. */
  readonly kernelDilation: number[];
  /** `feature_group_count`. */
  readonly featureGroupCount: number;
}

/**
 * A per-axis argument (`strides`, `input_dilation`, `kernel_dilation`) as one entry per spatial
 * axis: an int for every axis, null or absent for 1.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a list of another length.
 * @example
 * ```ts
 * perAxis(2, 2, 'strides'); // [2, 2]
 * ```
 */
export function perAxis(value: number | number[] | null | undefined, n: number, name: string): number[] {
  const out =
    value === null || value === undefined
      ? Array<number>(n).fill(1)
      : typeof value === 'number'
        ? Array<number>(n).fill(value)
        : [...value];
  if (out.length !== n) throw new InteropError('E_INVALID_ARGUMENT', `Conv ${name} has ${out.length} entries for ${n} spatial axes`);
  return out;
}

/** What Flax's CIRCULAR and REFLECT pad before a VALID conv: `((k-1)//2, k//2)` of each dilated kernel axis. */
function wrapPads(kernelSize: readonly number[], kernelDilation: readonly number[]): Array<[number, number]> {
  return kernelSize.map((k, i) => {
    const eff = (k - 1) * kernelDilation[i]! + 1;
    return [Math.floor((eff - 1) / 2), Math.floor(eff / 2)];
  });
}

const LAX_MODES = ['SAME', 'VALID', 'SAME_LOWER'];

/**
 * The IR's padding and padding mode for a Flax `Conv`'s `padding`, checked as Flax's
 * `canonicalize_padding` checks it (lax reads SAME, VALID and SAME_LOWER in any case).
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a malformed padding, CAUSAL outside 1-D, or an
 *   unknown mode.
 * @example
 * ```ts
 * convPadding('CIRCULAR', [3, 3], [1, 1]); // { padding: [[1, 1], [1, 1]], paddingMode: 'circular' }
 * ```
 */
export function convPadding(
  padding: FlaxPadding,
  kernelSize: readonly number[],
  kernelDilation: readonly number[],
): { padding: ConvPadding; paddingMode: PaddingMode } {
  const p = padding;
  const n = kernelSize.length;
  if (typeof p === 'number') return { padding: Array.from({ length: n }, () => [p, p] as [number, number]), paddingMode: 'zeros' };
  if (Array.isArray(p)) {
    const ok = p.length === n && p.every((q) => typeof q === 'number' || (Array.isArray(q) && q.length === 2));
    if (!ok)
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        `Invalid padding format: ${JSON.stringify(p)}, should be str, int, or a sequence of len ${n} where each element is an int or pair of ints`,
      );
    return { padding: p.map((q) => (typeof q === 'number' ? [q, q] : [q[0], q[1]])), paddingMode: 'zeros' };
  }
  if (p === 'CIRCULAR' || p === 'REFLECT')
    return { padding: wrapPads(kernelSize, kernelDilation), paddingMode: p === 'CIRCULAR' ? 'circular' : 'reflect' };
  if (p === 'CAUSAL') {
    if (n !== 1) throw new InteropError('E_INVALID_ARGUMENT', 'Causal padding is only implemented for 1D convolutions.');
    return { padding: p, paddingMode: 'zeros' };
  }
  if (typeof p === 'string' && LAX_MODES.includes(p.toUpperCase()))
    return { padding: p.toUpperCase() as ConvPadding, paddingMode: 'zeros' };
  throw new InteropError('E_INVALID_ARGUMENT', `Conv padding '${p}' is not a Flax padding`, {
    expected: 'SAME, VALID, SAME_LOWER, CAUSAL, CIRCULAR, REFLECT, an int or per-axis ints/pairs',
  });
}

/**
 * A Flax `Conv`'s `padding` for the IR's padding and mode (the inverse of {@link convPadding}).
 *
 * @throws {ConversionError} E_CONVERSION for replicate (edge) padding, which Flax lacks, or a
 *   circular/reflect padding of other amounts than Flax's.
 * @example
 * ```ts
 * paddingFromIR(ir, 'Linen'); // 'SAME', [[1, 1], [1, 1]], 'CIRCULAR', ...
 * ```
 */
export function paddingFromIR(ir: ConvIR, framework: string): FlaxPadding {
  const { padding, paddingMode, kernelSize, kernelDilation, strides } = ir.params;
  if (paddingMode === 'zeros') return typeof padding === 'string' ? padding : padding.map(([lo, hi]) => [lo, hi] as [number, number]);
  if (paddingMode === 'replicate')
    throw new ConversionError(`${framework} Conv has no replicate (edge) padding`, {
      fix: 'Pad the input with edge values before the Conv and use VALID padding',
    });
  const name = paddingMode === 'circular' ? 'CIRCULAR' : 'REFLECT';
  const same = padding === 'SAME' && strides.every((s) => s === 1);
  if (same || (Array.isArray(padding) && JSON.stringify(padding) === JSON.stringify(wrapPads(kernelSize, kernelDilation)))) return name;
  throw new ConversionError(
    `${framework} ${name} padding pads ((k-1)//2, k//2) of the dilated kernel; the IR pads ${JSON.stringify(padding)}`,
  );
}

/**
 * The `conv` IR of a Flax `Conv`: its HWIO kernel is the canonical layout.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for a padding {@link convPadding} refuses.
 * @example
 * ```ts
 * convIR(this, this.kernel.value, this.bias?.value);
 * ```
 */
export function convIR(conv: ConvFields, kernel: Tensor, bias: Tensor | undefined): ConvIR {
  const r = kernel.shape.length;
  return {
    kind: 'conv',
    params: {
      inFeatures: kernel.shape[r - 2]! * conv.featureGroupCount,
      outFeatures: kernel.shape[r - 1]!,
      kernelSize: kernel.shape.slice(0, r - 2),
      strides: conv.strides,
      ...convPadding(conv.padding, conv.kernelSize, conv.kernelDilation),
      inputDilation: conv.inputDilation,
      kernelDilation: conv.kernelDilation,
      featureGroups: conv.featureGroupCount,
    },
    tensors: bias ? { kernel, bias } : { kernel },
  };
}
