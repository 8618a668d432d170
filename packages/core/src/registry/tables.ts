import { InteropError } from '../errors/interop-error.js';
import type { AnyKindDefinition } from '../ir/define-kind.js';
import { findKind } from '../ir/kind-table.js';
import { FilesTable } from './files-table.js';
import type { FrameworkAdapter, LayerMapping, LayerType, ShapeFunction } from './types.js';

/** A registered mapping and the plugin that brought it. */
export interface MappingEntry {
  mapping: LayerMapping;
  plugin: string;
}

/** A registered refusal: its reason and the plugin that declared it. */
export interface RefusalEntry {
  reason: string;
  plugin: string;
  /** Layer type name (import side) or IR kind (export side). */
  subject: string;
  /** The framework it applies to, or `undefined` for every framework. */
  framework: string | undefined;
}

/** Walks a constructor and its bases: `C`, then the class `C` extends, and so on. */
export function* prototypeChain(type: LayerType): Generator<LayerType> {
  let current: unknown = type;
  while (typeof current === 'function' && current !== Function.prototype) {
    yield current as LayerType;
    current = Object.getPrototypeOf(current);
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/**
 * The registry's tables: mappings by layer type and by IR kind, refusals, adapters, plugin kinds
 * and shape rules, the first four per framework. Lookups by layer type honour subclassing.
 */
export class RegistryTables {
  readonly adapters = new Map<string, { adapter: FrameworkAdapter; plugin: string }>();
  readonly byType = new Map<string, Map<LayerType, MappingEntry>>();
  readonly byKind = new Map<string, Map<string, MappingEntry[]>>();
  readonly typeRefusals = new Map<string, Map<LayerType, RefusalEntry>>();
  readonly kindRefusals = new Map<string, Map<string, RefusalEntry>>();
  readonly agnosticRefusals = new Map<string, RefusalEntry>();
  /** Shape rules of plugin kinds: from their definitions, or from a plugin's deprecated `shapes`. */
  readonly shapes = new Map<string, ShapeFunction>();
  /** Files parts by framework, and the format codecs they bring. */
  readonly files = new FilesTable();
  /** Plugin kind definitions and the plugin that first registered each. */
  readonly kinds = new Map<string, { definition: AnyKindDefinition; plugin: string }>();
  /** Frameworks in the order they were first seen. */
  readonly frameworks: string[] = [];

  noteFramework(framework: string): void {
    if (!this.frameworks.includes(framework)) this.frameworks.push(framework);
  }

  addMapping(mapping: LayerMapping, plugin: string, override: boolean): void {
    const { framework, ir } = mapping.meta;
    this.noteFramework(framework);
    const types = getOrCreate(this.byType, framework, () => new Map<LayerType, MappingEntry>());
    const kinds = getOrCreate(this.byKind, framework, () => new Map<string, MappingEntry[]>());
    const entry: MappingEntry = { mapping, plugin };
    const previous = types.get(mapping.layerType);
    if (!override) this.assertUnclaimed(mapping, plugin);
    types.set(mapping.layerType, entry);
    const list = getOrCreate(kinds, ir, () => []);
    const old = previous ? kinds.get(previous.mapping.meta.ir) : undefined;
    if (old) old.splice(old.indexOf(previous!), 1, ...(old === list ? [entry] : []));
    if (old !== list) list.push(entry);
  }

  /** Throws `E_DUPLICATE_MAPPING`, naming both plugins, when the layer type is already mapped. */
  assertUnclaimed(mapping: LayerMapping, plugin: string): void {
    const { framework } = mapping.meta;
    const previous = this.byType.get(framework)?.get(mapping.layerType);
    if (previous) {
      throw new InteropError(
        'E_DUPLICATE_MAPPING',
        `Layer type \`${mapping.layerType.name}\` of framework "${framework}" is claimed twice: by plugin "${previous.plugin}" (mapping ${previous.mapping.meta.layer}) and by plugin "${plugin}" (mapping ${mapping.meta.layer})`,
        {
          plugin,
          layer: mapping.meta.layer,
          framework,
          fix: 'Remove one of the two, or pass { override: true } to replace the first',
        },
      );
    }
  }

  /**
   * Throws `E_INVALID_PLUGIN` when a plugin's kind is a built-in one, or is already registered
   * with another definition (the same definition value from a second plugin is fine).
   */
  assertKindFree(definition: AnyKindDefinition, plugin: string): void {
    const { kind } = definition;
    if (findKind(kind)) {
      throw new InteropError('E_INVALID_PLUGIN', `Plugin "${plugin}" defines IR kind "${kind}", which is built in`, {
        plugin,
        fix: 'Map your layer to the built-in kind, or give your kind a name of its own',
      });
    }
    const previous = this.kinds.get(kind);
    if (previous && previous.definition !== definition) {
      throw new InteropError(
        'E_INVALID_PLUGIN',
        `IR kind "${kind}" is defined twice: by plugin "${previous.plugin}" and by plugin "${plugin}"`,
        {
          plugin,
          fix: 'Export one defineKind value and register that same value in every plugin that uses the kind, or rename one kind',
        },
      );
    }
  }

  /** Registers a plugin kind (once; a second plugin with the same definition changes nothing). */
  addKind(definition: AnyKindDefinition, plugin: string): void {
    if (!this.kinds.has(definition.kind)) this.kinds.set(definition.kind, { definition, plugin });
  }

  addTypeRefusal(framework: string, type: LayerType, entry: RefusalEntry): void {
    this.noteFramework(framework);
    getOrCreate(this.typeRefusals, framework, () => new Map<LayerType, RefusalEntry>()).set(type, entry);
  }

  addKindRefusal(framework: string | undefined, kind: string, entry: RefusalEntry): void {
    if (framework === undefined) {
      this.agnosticRefusals.set(kind, entry);
      return;
    }
    this.noteFramework(framework);
    getOrCreate(this.kindRefusals, framework, () => new Map<string, RefusalEntry>()).set(kind, entry);
  }

  /** The mapping for a layer type or its nearest registered base class. */
  mappingFor(framework: string, type: LayerType | undefined): MappingEntry | undefined {
    const table = this.byType.get(framework);
    if (!table || !type) return undefined;
    for (const t of prototypeChain(type)) {
      const hit = table.get(t);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Every mapping of a framework that builds an IR kind, in registration order. */
  mappingsForKind(framework: string, kind: string): readonly MappingEntry[] {
    return this.byKind.get(framework)?.get(kind) ?? [];
  }

  /** The refusal of a layer type or its nearest refused base class. */
  typeRefusalFor(framework: string, type: LayerType | undefined): RefusalEntry | undefined {
    const table = this.typeRefusals.get(framework);
    if (!table || !type) return undefined;
    for (const t of prototypeChain(type)) {
      const hit = table.get(t);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The refusal to build a kind: the framework's own refusal wins over an any-framework one;
   * without a framework only any-framework refusals are consulted.
   */
  kindRefusalFor(kind: string, framework?: string): RefusalEntry | undefined {
    const specific = framework === undefined ? undefined : this.kindRefusals.get(framework)?.get(kind);
    return specific ?? this.agnosticRefusals.get(kind);
  }
}
