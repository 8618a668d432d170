import { expect } from 'vitest';

/** The `code` and `message` of what a spec builder threw. */
export interface SpecRefusal {
  /** The error's code, e.g. `E_INVALID_SPEC`. */
  code?: string;
  /** The error's message. */
  message?: string;
}

/**
 * Calls `fromSpec(spec)` and returns what it threw; fails the test when it builds instead.
 *
 * @param fromSpec - The plugin's spec builder, e.g. `moduleFromSpec`.
 * @param spec - A spec the builder must refuse.
 */
export function specRefusal<S>(fromSpec: (spec: S) => unknown, spec: NoInfer<S>): SpecRefusal {
  try {
    fromSpec(spec);
  } catch (e) {
    return e as SpecRefusal;
  }
  throw new Error('expected a refusal');
}

/** What {@link expectSpecTypeSuggestion} expects of the refusal of an unknown spec type. */
export interface SpecTypeSuggestion {
  /** The framework's title as the message names it, e.g. `Linen`. */
  framework: string;
  /** The suggestion sentence, e.g. `Did you mean "Dense"? Write {"type": "Dense"}`. */
  didYouMean: string;
  /** The closest valid type, which the list of valid types must name. */
  closest: string;
}

/**
 * Asserts that an unknown spec type is refused as `E_INVALID_SPEC`, naming the type, listing the
 * valid ones (among them `closest`) and suggesting the closest.
 *
 * @param fromSpec - The plugin's spec builder, e.g. `moduleFromSpec`.
 * @param spec - A spec whose `type` is a near miss of a valid one.
 * @param expected - The framework title, suggestion sentence and closest type.
 */
export function expectSpecTypeSuggestion<S extends { type: string }>(
  fromSpec: (spec: S) => unknown,
  spec: NoInfer<S>,
  expected: SpecTypeSuggestion,
): void {
  const e = specRefusal(fromSpec, spec);
  expect(e.code).toBe('E_INVALID_SPEC');
  expect(e.message).toContain(`unknown ${expected.framework} module type '${spec.type}'. Expected one of `);
  expect(e.message).toContain(expected.didYouMean);
  expect(e.message).toMatch(new RegExp(`Expected one of [^.]*\\b${expected.closest}, `));
}

/**
 * Asserts that a spec type far from every valid one is refused with the valid types listed
 * (among them `Sequential`) and no guess.
 *
 * @param fromSpec - The plugin's spec builder, e.g. `moduleFromSpec`.
 * @param spec - A spec whose `type` is close to no valid one.
 */
export function expectSpecTypesListedWithoutGuess<S>(fromSpec: (spec: S) => unknown, spec: NoInfer<S>): void {
  const e = specRefusal(fromSpec, spec);
  expect(e.message).not.toContain('Did you mean');
  expect(e.message).toMatch(/Expected one of [^.]*\bSequential\b/);
}
