import { InteropError, Tensor, neededField, optionalField } from '@interop/core';
import type { ForwardStepSpec, SpecField, SpecFields } from '@interop/core';
import type { StateTree } from '../graph.js';
import type { mappings } from '../mappings/index.js';
import type { Module } from '../module.js';

/**
 * A module as JSON: the Python constructor call with snake_case argument names, or a user's
 * class as `{ "type": "Module", "name", "children": { attribute: spec | [spec, ...] }, "forward"? }`.
 */
export type ModuleSpec = { type: string; [arg: string]: unknown };

/** A user-written module class as a spec: its children (lists as arrays) and the forward steps. */
export interface ModuleTreeSpec {
  type: 'Module';
  name: string;
  children: { [attribute: string]: ModuleSpec | ModuleSpec[] };
  forward?: ForwardStepSpec[];
}

export type { SpecField, SpecFields };

/** A required argument and the value the reference's example gives it (core's `neededField`). */
export const needed = neededField;

/** An optional argument and Python's default (core's `optionalField`). */
export const optional = optionalField;

/** A module class, whatever its Python-style signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class has its own Python-style signature
export type ModuleClass<M extends Module = Module> = abstract new (...args: any[]) => M;

/** What {@link SpecEntry.infer} is told about the subtree it reads. */
export interface InferContext {
  /** The subtree's path, `(root)` at the root. */
  at: string;
  /** The unbatched input shape, when known. */
  shape: number[] | undefined;
  /** Whether the subtree sits in a module tree (where no input shape reaches it). */
  inTree: boolean;
  /** Records a default the entry had to take (the path is added). */
  assume(what: string): void;
}

/**
 * How one BrainState class is read from and written to a spec, and read off a state file: one
 * entry per `type` in the spec table (`specs/index.ts`), beside the mapping that converts the class.
 *
 * @example
 * ```ts
 * specs.Linear.write(new Linear(4, 8)); // { type: 'Linear', in_size: 4, out_size: 8 }
 * ```
 */
export interface SpecEntry<M extends Module = Module> {
  /** The key in `mappings` of the mapping that converts this class; null for a class read but refused (`refusals`). */
  readonly mapping: keyof typeof mappings | null;
  /** The class a spec of this type builds, and the one {@link SpecEntry.write} takes. */
  readonly layerType: ModuleClass<M>;
  /** Builds the module from a spec of this type. */
  read(spec: ModuleSpec): M;
  /** The module's spec, arguments at BrainState's defaults left out. */
  write(module: M): ModuleSpec;
  /** Every argument a spec of this type may give, with its JSON type and default: what `docs/specs/brainstate.md` shows. */
  readonly fields?: SpecFields;
  /** The module whose states these are, or undefined when they are not this class's. */
  infer?(states: StateTree, context: InferContext): M | undefined;
}

/**
 * Throws the spec error.
 *
 * @throws {InteropError} E_INVALID_SPEC, always.
 */
export function badSpec(what: string, spec: unknown, fix?: string): never {
  throw new InteropError('E_INVALID_SPEC', what, { found: JSON.stringify(spec), ...(fix ? { fix } : {}) });
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A {@link SpecEntry.read} that passes every argument to the class's Python-style keyword object
 * (`in_size` → `inSize`); the class refuses what it does not take.
 */
export function keywordCall<M extends Module>(cls: ModuleClass<M>): SpecEntry<M>['read'] {
  return ({ type: _, ...args }) => {
    const kwargs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) kwargs[camel(k)] = v;
    return new (cls as unknown as new (kwargs: Record<string, unknown>) => M)(kwargs);
  };
}

/** The array at `t`, if it is one. */
export const arr = (t: StateTree | Tensor | undefined) => (t instanceof Tensor ? t : undefined);
/** The dict at `t`, if it is one. */
export const dict = (t: StateTree | Tensor | undefined) => (t === undefined || t instanceof Tensor ? undefined : t);
/** Whether `t` holds exactly these keys. */
export const keysAre = (t: StateTree, keys: string[]) => Object.keys(t).length === keys.length && keys.every((k) => k in t);

/**
 * Throws the inference error for the module at `at`.
 *
 * @throws {InteropError} E_MISSING_ARCH, always.
 */
export function missing(at: string, what: string, found: StateTree): never {
  throw new InteropError('E_MISSING_ARCH', `cannot tell the brainstate module at ${at} from its states: ${what}`, {
    found: Object.keys(found).join(', ') || '(no states)',
    fix: 'Pass the architecture as a spec (moduleFromSpec) and load the file into it',
  });
}

/**
 * The input shape a layer needs for its `in_size`.
 *
 * @throws {InteropError} E_MISSING_ARCH when it is unknown (always inside a module tree).
 */
export function needShape(ctx: InferContext, layer: string, rank: number, states: StateTree): number[] {
  if (ctx.shape && ctx.shape.length === rank) return ctx.shape;
  if (ctx.inTree) {
    return missing(
      ctx.at,
      `${layer} needs its in_size (${rank} entries with the channels), which the file does not store; inside a module tree neither the call order nor the pools and flattens between layers are stored either, so no input shape tells it`,
      states,
    );
  }
  return missing(ctx.at, `${layer} needs the input shape (${rank} entries with the channels); pass inputShape`, states);
}
