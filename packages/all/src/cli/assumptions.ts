import { InteropError } from '@interop/core';

// Assumptions that cannot change what the model computes: everything else an inference assumes
// (conv strides, padding and dilation, norm epsilons, layer types, saved statistics) can. A tree
// without a forward program converts its layers exactly and runs nothing, so saying so is none.
// A TrainState's step and optimizer state are left out of the model, not guessed into it.
const HARMLESS: readonly RegExp[] = [/hidden states are saved for a batch of/, /so it has no forward/, /of a TrainState; .* not converted/];

/** The `assumed` lines that may change what the converted model computes. */
export function computationalAssumptions(assumed: readonly string[]): string[] {
  return assumed.filter((line) => !HARMLESS.some((re) => re.test(line)));
}

/**
 * `--strict`: refuses a model whose architecture was read with assumptions that change the
 * computation, listing them; `framework` as prose names it (`Linen`).
 *
 * @throws {InteropError} E_MISSING_ARCH naming every such assumption.
 */
export function refuseAssumptions(path: string, assumed: readonly string[], framework: string): void {
  const lines = computationalAssumptions(assumed);
  if (lines.length === 0) return;
  throw new InteropError(
    'E_MISSING_ARCH',
    `--strict: the architecture of ${path} was inferred with ${lines.length} assumption${lines.length === 1 ? '' : 's'} that change what it computes: ${lines.join('; ')}`,
    {
      path,
      fix: `Pass --arch SPEC.json with the ${framework} spec (interop convert writes one beside every output as OUTPUT.arch.json), or leave out --strict to accept the assumptions`,
    },
  );
}

/** The closing line of a conversion that assumed anything (`3 assumptions; pass --arch to be exact`). */
export function assumptionSummary(assumed: readonly string[]): string | undefined {
  const n = computationalAssumptions(assumed).length;
  return n === 0 ? undefined : `${n} assumption${n === 1 ? '' : 's'}; pass --arch to be exact`;
}
