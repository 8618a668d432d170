/**
 * Convolution padding. A string follows `lax` semantics (`'SAME'` puts the odd pad at the end,
 * `'SAME_LOWER'` at the start, `'CAUSAL'` pads `(k-1)*dilation` on the left of a 1-D conv), or
 * explicit `[low, high]` pairs per spatial axis.
 */
export type ConvPadding = 'SAME' | 'SAME_LOWER' | 'VALID' | 'CAUSAL' | Array<[number, number]>;

/**
 * How padded positions are filled: zeros, or wrapped (`circular`), mirrored without the edge
 * (`reflect`, numpy `reflect`), or repeated edge values (`replicate`, numpy `edge`).
 */
export type PaddingMode = 'zeros' | 'circular' | 'reflect' | 'replicate';

/**
 * How a norm computes the variance: `fast` is `max(0, mean(x²) - mean(x)²)` (Flax default),
 * `two-pass` is `mean((x - mean(x))²)` (Equinox, BrainState).
 */
export type VarianceMode = 'fast' | 'two-pass';

/**
 * Window padding of a pooling op, as `flax.linen.max_pool`/`avg_pool` take it: a `lax` padding
 * string, or explicit `[low, high]` pairs per window axis.
 */
export type PoolPadding = 'VALID' | 'SAME' | Array<[number, number]>;
