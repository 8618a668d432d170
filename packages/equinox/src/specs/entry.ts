import { InteropError, neededField, optionalField } from '@interop/core';
import type { SpecField, SpecFields, Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import type { mappings } from '../mappings/index.js';
import type { Module } from '../module.js';

/**
 * A module as JSON: the Python constructor call, snake_case argument names; or a user's
 * `eqx.Module` as `{ "type": "Module", "name": "CNN", "children": { "conv": {...}, "layers":
 * [{...}, ...] }, "forward": [...] }` (children in field order, a list for a list field; forward in
 * the core dialect, its axes those of one channels-first example).
 */
export type ModuleSpec = { type: string; [arg: string]: unknown };

export type { SpecField, SpecFields };

/** A required argument and the value the reference's example gives it (core's `neededField`). */
export const needed = neededField;

/** An optional argument and Python's default (core's `optionalField`). */
export const optional = optionalField;

/** A module class, whatever its Python-style signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class has its own Python-style signature
export type ModuleClass<M extends Module = Module> = new (...args: any[]) => M;

/**
 * How one Equinox class is read from and written to a spec: one entry per `type` in the spec
 * table (`specs/index.ts`), beside the mapping that converts the class.
 *
 * @example
 * ```ts
 * specs.Linear.write(new Linear(3, 5, { key: key(0) })); // { type: 'Linear', in_features: 3, out_features: 5 }
 * ```
 */
export interface SpecEntry<M extends Module = Module> {
  /** The key in `mappings` of the mapping that converts this class. */
  readonly mapping: keyof typeof mappings;
  /** The class a spec of this type builds, and the one {@link SpecEntry.write} takes. */
  readonly layerType: ModuleClass<M>;
  /** Builds the module; a layer that takes a key gets `jax.random.key(seed)`. */
  read(spec: ModuleSpec, seed: number): M;
  /** The module's spec, arguments at Equinox's defaults left out. */
  write(module: M): ModuleSpec;
  /** Every argument a spec of this type may give, with its JSON type and default: what `docs/specs/equinox.md` shows. */
  readonly fields?: SpecFields;
}

/**
 * Throws the spec error.
 *
 * @throws {InteropError} E_INVALID_SPEC, always.
 */
export function badSpec(what: string, spec: unknown): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec) });
}

/** Keeps the arguments that differ from Equinox's defaults. */
export function unlessDefault(args: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(defaults[k])));
}

/** The dtype of the first array that is present. */
export const dtypeOf = (...ts: Array<Tensor | null>) => ts.find((t): t is Tensor => t !== null)?.dtype;

/** A constructor's arguments: required positionals, the other keywords, and whether it takes `key`. */
export interface PythonSignature {
  required: readonly string[];
  optional: readonly string[];
  keyed: boolean;
}

/** `use_bias` → `useBias`. */
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * A {@link SpecEntry.read} that calls the class as Python would: `required` positionally,
 * `optional` as keywords, `key=jax.random.key(seed)` when `keyed`; an unknown or missing argument,
 * or a value the class refuses, is the spec's fault.
 */
export function pythonCall<M extends Module>(cls: ModuleClass<M>, signature: PythonSignature): (spec: ModuleSpec, seed: number) => M {
  const { required, optional, keyed } = signature;
  return (spec, seed) => {
    for (const arg of Object.keys(spec)) {
      if (arg !== 'type' && !required.includes(arg) && !optional.includes(arg))
        badSpec(`${spec.type} argument '${arg}' is not supported here`, spec);
    }
    const positional = required.map((name) => (spec[name] === undefined ? badSpec(`${spec.type} needs "${name}"`, spec) : spec[name]));
    const keywords: Record<string, unknown> = {};
    for (const name of optional) if (spec[name] !== undefined) keywords[camel(name)] = spec[name];
    if (keyed) keywords.key = key(seed);
    try {
      return new cls(...positional, keywords);
    } catch (e) {
      if (e instanceof InteropError && e.code === 'E_INVALID_ARGUMENT') badSpec(`${spec.type}: ${e.message}`, spec);
      throw e;
    }
  };
}
