import { withArticle } from '../errors/article.js';
import { InteropError } from '../errors/interop-error.js';

/** What a public entry point expects, for {@link expectFramework}. */
export interface ExpectedFramework {
  /** The call as the user wrote it, e.g. `toEquinox`. */
  call: string;
  /** The framework whose models the call takes, e.g. `brainstate`. */
  framework: string;
  /** The framework as the message names it, e.g. `BrainState`; defaults to the registry's title of `framework`. */
  label?: string;
  /** The framework the call converts to; names the `convert` call that fits another source. */
  to?: string;
}

/**
 * Refuses a model of another registered framework with `E_INVALID_ARGUMENT` naming the call that
 * fits, before a plugin walks a model it cannot read (which would blame the plugin). A model no
 * framework claims is let through: the call's own checks say what is wrong with it.
 *
 * @example
 * ```ts
 * expectFramework(registry, model, { call: 'toEquinox', framework: 'brainstate', to: 'equinox' });
 * // an NNX model: "toEquinox takes a BrainState model, not an NNX model ... use interop.convert(model, { from: 'nnx', to: 'equinox' })"
 * ```
 */
export function expectFramework(
  registry: { frameworkOf(model: unknown): string; titleOf?(framework: string): string },
  input: unknown,
  expected: ExpectedFramework,
): void {
  let found: string;
  try {
    found = registry.frameworkOf(input);
  } catch {
    return;
  }
  if (found === expected.framework) return;
  const to = expected.to ?? expected.framework;
  // "a BrainState model", "an NNX model": each framework as its plugin's meta.title names it.
  const model = (framework: string, label?: string) => `${withArticle(label ?? registry.titleOf?.(framework) ?? framework)} model`;
  throw new InteropError('E_INVALID_ARGUMENT', `${expected.call} takes ${model(expected.framework, expected.label)}, not ${model(found)}`, {
    framework: expected.framework,
    expected: model(expected.framework, expected.label),
    found: model(found),
    fix:
      found === to
        ? `It is already ${model(to)}; pass it to the ${registry.titleOf?.(to) ?? to} functions directly`
        : `To convert ${model(found)} use interop.convert(model, { from: '${found}', to: '${to}' })`,
  });
}
