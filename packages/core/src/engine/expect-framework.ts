import { InteropError } from '../errors/interop-error.js';

/** What a public entry point expects, for {@link expectFramework}. */
export interface ExpectedFramework {
  /** The call as the user wrote it, e.g. `toEquinox`. */
  call: string;
  /** The framework whose models the call takes, e.g. `brainstate`. */
  framework: string;
  /** The framework as the message names it, e.g. `BrainState`; defaults to `framework`. */
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
 * expectFramework(registry, model, { call: 'toEquinox', framework: 'brainstate', label: 'BrainState', to: 'equinox' });
 * // an NNX model: "toEquinox takes a BrainState model, not an nnx model ... use interop.convert(model, { from: 'nnx', to: 'equinox' })"
 * ```
 */
export function expectFramework(registry: { frameworkOf(model: unknown): string }, input: unknown, expected: ExpectedFramework): void {
  let found: string;
  try {
    found = registry.frameworkOf(input);
  } catch {
    return;
  }
  if (found === expected.framework) return;
  const to = expected.to ?? expected.framework;
  throw new InteropError(
    'E_INVALID_ARGUMENT',
    `${expected.call} takes a ${expected.label ?? expected.framework} model, not a ${found} model`,
    {
      framework: expected.framework,
      expected: `a ${expected.label ?? expected.framework} model`,
      found: `a ${found} model`,
      fix:
        found === to
          ? `It is already a ${to} model; pass it to the ${to} functions directly`
          : `To convert a ${found} model use interop.convert(model, { from: '${found}', to: '${to}' })`,
    },
  );
}
