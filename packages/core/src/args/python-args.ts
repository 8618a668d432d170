import { InteropError } from '../errors/index.js';

/**
 * True for the trailing keyword-arguments object of a Python-style call: a plain object literal,
 * not an array, tensor, function or class instance.
 *
 * @example
 * ```ts
 * isKeywordArguments({ rngs }); // true
 * isKeywordArguments([3, 3]); // false
 * ```
 */
export function isKeywordArguments(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Reads a call made the way Python allows it: the parameters declared before `*` may come
 * positionally, in `params` order (camelCase names), and a final plain object holds keyword
 * arguments by name. Returns one object with every given argument by name; `undefined`
 * positionals count as not given. A parameter given both ways, or more positionals than
 * `params`, is an `E_INVALID_ARGUMENT` naming `callee`. With `keywordOnly` (the parameters after
 * `*`, possibly none), a keyword that is neither in `params` nor there is refused too, as Python
 * raises `TypeError: got an unexpected keyword argument`.
 *
 * @example
 * ```ts
 * // nn.Dense(5, False, dtype=jnp.bfloat16)
 * pythonArgs('Dense', ['features', 'useBias', 'dtype'], [5, false, { dtype: 'bfloat16' }]);
 * // → { features: 5, useBias: false, dtype: 'bfloat16' }
 * ```
 */
export function pythonArgs<T extends object = Record<string, unknown>>(
  callee: string,
  params: readonly string[],
  args: readonly unknown[],
  options: { keywordOnly?: readonly string[] } = {},
): T {
  const last = args[args.length - 1];
  const hasKeywords = args.length > 0 && isKeywordArguments(last);
  const positional = hasKeywords ? args.slice(0, -1) : args;
  const keywords = hasKeywords ? last : {};
  if (positional.length > params.length) {
    throw new InteropError(
      'E_INVALID_ARGUMENT',
      `${callee} takes at most ${params.length} positional arguments but ${positional.length} were given`,
      {
        expected: params.length ? `(${params.join(', ')})` : 'keyword arguments only',
        fix: 'Pass the remaining arguments by name in a final { ... } object',
      },
    );
  }
  if (options.keywordOnly) {
    const known = new Set([...params, ...options.keywordOnly]);
    const unknown = Object.keys(keywords).find((name) => keywords[name] !== undefined && !known.has(name));
    if (unknown !== undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee} got an unexpected keyword argument "${unknown}"`, {
        expected: [...known].join(', '),
        fix: 'Use the camelCase form of the Python argument name (use_bias → useBias)',
      });
    }
  }
  const out: Record<string, unknown> = { ...keywords };
  positional.forEach((value, i) => {
    if (value === undefined) return;
    const name = params[i]!;
    if (keywords[name] !== undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', `${callee} got multiple values for argument "${name}"`, {
        fix: `Pass "${name}" either positionally or by name, not both`,
      });
    }
    out[name] = value;
  });
  return out as T;
}

/** Every leading run of a tuple, longest first: `[a, b]` → `[a, b] | [a] | []`. */
export type Prefixes<P extends readonly unknown[]> = P extends readonly [...infer Init, unknown] ? P | Prefixes<Init> : [];

/**
 * The argument list of a Python-style call, as a type: the `Required` positionals, then any
 * leading run of the `Optional` ones, then the keyword object `Keywords`, which may be left out
 * unless one of its keys is required (a keyword-only argument without a default, such as NNX's
 * `rngs` or Equinox's `key`).
 *
 * @example
 * ```ts
 * constructor(...args: PythonCall<[features: number], [useBias: boolean], { useBias?: boolean }>)
 * // accepts (5), (5, false), (5, { useBias: false }), (5, false, {})
 * constructor(...args: PythonCall<[inFeatures: number, outFeatures: number], [], { rngs: Rngs }>)
 * // accepts (4, 8, { rngs }) only: (4, 8) does not compile
 * ```
 */
export type PythonCall<Required extends readonly unknown[], Optional extends readonly unknown[], Keywords> = {} extends Keywords
  ? [...Required, ...Prefixes<Optional>] | [...Required, ...Prefixes<Optional>, Keywords]
  : [...Required, ...Prefixes<Optional>, Keywords];
