import { MissingPluginError, closestNames, didYouMean } from '@interop/core';

// Names people reach for that no edit distance finds (`eqx` is four edits from `equinox`).
const ALIASES: Readonly<Record<string, string>> = {
  eqx: 'equinox',
  bst: 'brainstate',
  'flax.nnx': 'nnx',
  'flax.linen': 'linen',
  'nn.linen': 'linen',
};

/** The registered frameworks `name` may have meant: an alias, or one close to it (core's `closestNames`). */
export function meantFrameworks(name: string, known: readonly string[]): string[] {
  const alias = ALIASES[name.toLowerCase()];
  if (alias !== undefined && known.includes(alias)) return [alias];
  return closestNames(name, known);
}

/**
 * Throws `E_MISSING_PLUGIN` when `name` is not one of `known`, with "did you mean" when a
 * registered name is close (`'eqx'` → `equinox`).
 *
 * @example
 * ```ts
 * checkFramework('eqx', ['brainstate', 'nnx', 'linen', 'equinox'], 'to');
 * // E_MISSING_PLUGIN: No plugin is registered for framework "eqx" (to); did you mean "equinox". ...
 * ```
 */
export function checkFramework(name: unknown, known: readonly string[], option: string): void {
  if (typeof name === 'string' && known.includes(name)) return;
  const meant = typeof name === 'string' ? meantFrameworks(name, known) : [];
  throw new MissingPluginError(`No plugin is registered for framework ${JSON.stringify(name)} (${option})${didYouMean(meant)}`, {
    framework: String(name),
    expected: `one of ${known.join(', ')}`,
    fix:
      meant.length > 0
        ? `Pass ${option}: '${meant[0]}'`
        : `Pass ${option} with one of ${known.join(', ')}, or add the framework's plugin with interop.use(plugin)`,
  });
}

export { didYouMean };
