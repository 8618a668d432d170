import { InteropError } from '@interop/core';

/** The settings `brainstate.environ` holds that this package reads. */
export interface EnvironSettings {
  /** Training (`true`) or evaluation (`false`) phase; Dropout and BatchNorm read it. */
  fit?: boolean;
}

const globals: EnvironSettings = {};
const stack: EnvironSettings[] = [];

function lookup<K extends keyof EnvironSettings>(key: K): EnvironSettings[K] {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]![key] !== undefined) return stack[i]![key];
  return globals[key];
}

/**
 * `brainstate.environ`: the `fit` flag. As in BrainState it has no default, so Dropout and
 * BatchNorm refuse to run until it is set globally or in a context.
 *
 * @example
 * ```ts
 * const y = environ.context({ fit: false }, () => model.call(x));
 * ```
 */
export const environ = {
  /** `environ.set(fit=...)`: sets a global value. */
  set(settings: EnvironSettings): void {
    Object.assign(globals, settings);
  },
  /**
   * `environ.get(key)`.
   *
   * @throws {InteropError} E_INVALID_ARGUMENT when the key is set nowhere (BrainState's KeyError).
   */
  get<K extends keyof EnvironSettings>(key: K): NonNullable<EnvironSettings[K]> {
    const v = lookup(key);
    if (v === undefined) {
      throw new InteropError('E_INVALID_ARGUMENT', `brainstate.environ has no '${key}' set`, {
        fix: `Run the call inside environ.context({ ${key}: false }, () => ...) or call environ.set({ ${key}: false }) first`,
      });
    }
    return v as NonNullable<EnvironSettings[K]>;
  },
  /** `with environ.context(fit=...)`: runs `fn` with the settings, restoring them afterwards. */
  context<T>(settings: EnvironSettings, fn: () => T): T {
    stack.push({ ...settings });
    try {
      return fn();
    } finally {
      stack.pop();
    }
  },
  /** `environ.dftype()`: the default float dtype. */
  dftype(): 'float32' {
    return 'float32';
  },
};
