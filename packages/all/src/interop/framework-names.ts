import { MissingPluginError } from '@interop/core';

// Names people reach for that no edit distance finds (`eqx` is four edits from `equinox`).
const ALIASES: Readonly<Record<string, string>> = {
  eqx: 'equinox',
  bst: 'brainstate',
  'flax.nnx': 'nnx',
  'flax.linen': 'linen',
  'nn.linen': 'linen',
};

/** Whether the letters of `short` appear in `long` in order (`eqx` in `equinox`). */
function within(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/** The registered frameworks `name` may have meant: an alias, or one holding its letters in order (or held in it). */
export function meantFrameworks(name: string, known: readonly string[]): string[] {
  const n = name.toLowerCase();
  const alias = ALIASES[n];
  if (alias !== undefined && known.includes(alias)) return [alias];
  return known.filter((k) => n.length >= 2 && (within(n, k.toLowerCase()) || within(k.toLowerCase(), n)));
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

/** `; did you mean "equinox"` for the names found, nothing when none. */
export const didYouMean = (meant: readonly string[]): string =>
  meant.length > 0 ? `; did you mean ${meant.map((m) => `"${m}"`).join(' or ')}` : '';
