import { InteropError, closestNames } from '@interop/core';
import type { LayerSpec, SpecTable } from './layer-spec.js';
import { bad, dtype } from './values.js';
import type { ModuleSpec } from './values.js';

/** A spec type built from other specs (`Sequential`, `Module`), which no layer entry reads. */
export interface SpecContainer<TModule, TContext> {
  /** Its arguments, checked as a layer's are; absent when `read` checks its own. */
  readonly args?: readonly string[];
  /** Builds it, its children with the plugin's `moduleFromSpec`. */
  read(spec: ModuleSpec, context: TContext): TModule;
}

/** Options of {@link createSpecs}: one plugin's table and what differs between the Flax APIs. */
export interface SpecsOptions<TModule, TContext, TArrays> {
  /** The framework as messages name it (`Linen`, `NNX`). */
  framework: string;
  /** The layer entries, by class name. */
  table: SpecTable<TModule, TContext, TArrays>;
  /** The container types, by spec type. */
  containers: Readonly<Record<string, SpecContainer<TModule, TContext>>>;
  /** Arguments Flax has that no entry models, accepted for any layer at these values only (`axis: -1`). */
  defaults: Readonly<Record<string, unknown>>;
  /** Adds a layer's dtypes to its written spec (Linen leaves the defaults out, NNX writes `param_dtype`). */
  writeDtypes(module: TModule, spec: ModuleSpec): ModuleSpec;
}

/** A plugin's specs driven by its table: read, write and infer (see {@link createSpecs}). */
export interface Specs<TModule, TContext, TArrays> {
  /** Every spec type that can be read, sorted: the layers' and the containers'. */
  readonly types: readonly string[];
  /**
   * Builds a module from its spec: the type's entry or container, the arguments checked first.
   *
   * @throws {InteropError} E_INVALID_SPEC for an unknown type (listing the known ones), an
   *   argument not supported here, a value of the wrong type, or the E_INVALID_ARGUMENT a
   *   constructor throws.
   */
  read(spec: ModuleSpec, context: TContext): TModule;
  /**
   * The spec of a layer (containers are the plugin's to write).
   *
   * @throws {InteropError} E_INVALID_SPEC for a module no entry writes.
   */
  write(module: TModule): ModuleSpec;
  /** The first layer whose entry recognises `arrays`, assumptions listed under `path`; undefined when none does. */
  infer(arrays: TArrays, path: string, assumed: string[]): TModule | undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The spec reader, writer and inference of a Flax plugin, driven by its spec table, so that a
 * layer's spec lives in one entry beside its mapping.
 *
 * @example
 * ```ts
 * const specs = createSpecs({ framework: 'Linen', table, containers: { Sequential, Module }, defaults: { axis: -1 }, writeDtypes });
 * specs.read({ type: 'Dense', features: 8 }, {});
 * ```
 */
export function createSpecs<TModule, TContext, TArrays>(
  options: SpecsOptions<TModule, TContext, TArrays>,
): Specs<TModule, TContext, TArrays> {
  const { framework, table, containers, defaults, writeDtypes } = options;
  const entries = Object.values(table);
  const byType = new Map<string, LayerSpec<TModule, TContext, TArrays>>();
  for (const entry of entries) for (const type of Object.keys(entry.types)) byType.set(type, entry);
  const types = [...byType.keys(), ...Object.keys(containers)].sort();

  const check = (spec: ModuleSpec, known: readonly string[], entry?: LayerSpec<TModule, TContext, TArrays>) => {
    for (const [arg, value] of Object.entries(spec)) {
      if (arg === 'type' || known.includes(arg) || entry?.unmodelled?.(spec, arg, value)) continue;
      if (!(Object.hasOwn(defaults, arg) && same(value, defaults[arg]))) bad(`${spec.type} argument '${arg}' is not supported here`, spec);
    }
  };

  const build = (spec: ModuleSpec, context: TContext): TModule => {
    const container = Object.hasOwn(containers, spec.type) ? containers[spec.type]! : undefined;
    if (container) {
      if (container.args) check(spec, container.args);
      return container.read(spec, context);
    }
    const entry = byType.get(spec.type);
    if (!entry) {
      // A class whose spec types are its functions' names (`Activation` → relu, gelu, ...).
      const named = entries.find((e) => e.layerType.name === spec.type && !Object.hasOwn(e.types, spec.type));
      const functions = named ? Object.keys(named.types) : [];
      const meant = named ? [] : closestNames(spec.type, types);
      throw new InteropError('E_INVALID_SPEC', `unknown ${framework} module type '${spec.type}'`, {
        found: JSON.stringify(spec),
        expected: `one of ${(named ? functions : types).join(', ')}`,
        fix: named
          ? `${spec.type} specs name their function as the type: write {"type": "${functions.includes('relu') ? 'relu' : functions[0]}"}`
          : unknownTypeFix(meant),
      });
    }
    check(spec, entry.types[spec.type]!, entry);
    const dtypes = { dtype: dtype(spec, 'dtype') ?? null, paramDtype: dtype(spec, 'param_dtype') ?? 'float32' };
    return entry.read(spec, { ...context, dtypes });
  };

  return {
    types,
    read(spec, context) {
      if (typeof spec !== 'object' || spec === null || Array.isArray(spec) || typeof spec.type !== 'string')
        bad('a spec needs a string "type"', spec, types.join(', '));
      try {
        return build(spec, context);
      } catch (e) {
        // A constructor's refusal of a spec's values is the spec's fault.
        if (e instanceof InteropError && e.code === 'E_INVALID_ARGUMENT') bad(`${spec.type}: ${e.message}`, spec);
        throw e;
      }
    },
    write(module) {
      const entry = entries.find((e) => module instanceof e.layerType);
      if (!entry) throw new InteropError('E_INVALID_SPEC', `no spec for ${(module as object).constructor.name}`);
      const spec = entry.write(module);
      return entry.types[spec.type]?.includes('param_dtype') ? writeDtypes(module, spec) : spec;
    },
    infer(arrays, path, assumed) {
      const at = path || '(root)';
      const assume = (what: string) => assumed.push(`${at}: ${what}`);
      for (const entry of entries) {
        const module = entry.infer?.(arrays, assume, at);
        if (module !== undefined) return module;
      }
      return undefined;
    },
  };
}

/** The fix of an unknown spec type: the closest types, or where to find the valid ones. */
function unknownTypeFix(meant: readonly string[]): string {
  if (meant.length === 0) return "Use one of the expected types (Python's class or function name)";
  return `Did you mean ${meant.map((m) => `"${m}"`).join(' or ')}? Write {"type": "${meant[0]}"}`;
}
