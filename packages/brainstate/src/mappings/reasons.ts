/** The anchor's `_GRU_REASON`, verbatim: why a Cho-2014 GRU never converts to or from a cuDNN GRU. */
export const GRU_REASON =
  "GRUCell conversion is unsupported: brainstate's GRU uses the Cho-2014 variant (reset applied before the hidden matmul, `Wh([x, r*h])`) while flax/nnx/equinox use the cuDNN variant (reset applied after, `r * (W_hn h + b_hn)`). These are mathematically distinct and cannot be matched by transferring weights.";

/** The anchor's refusal of a BrainState cell with no counterpart elsewhere. */
export function noCounterpart(name: string): string {
  return `${name} has no equivalence-preserving counterpart in flax.nnx / flax.linen / equinox (no matching cell, or a differing recurrence formulation), so it is not converted.`;
}
