import { InteropError } from '../errors/interop-error.js';
import { MissingPluginError } from '../errors/named-errors.js';
import { runFromIR } from '../engine/from-ir.js';
import { shapeOfSample, shapeRuleOf } from '../engine/shape-flow.js';
import { runToIR } from '../engine/to-ir.js';
import { compareCodePoints } from './sort.js';
import { RegistryTables } from './tables.js';
import type { ConvertOptions, FromIROptions, Registry, ToIROptions } from './registry-types.js';
import type { FrameworkAdapter, LayerMapping, Plugin } from './types.js';
import { createConversionContext } from '../engine/context.js';
import { assertNoProblems, mappingProblems, pluginProblems } from './validate.js';

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : `a ${value.constructor?.name ?? 'plain object'}`;
}

/**
 * Creates an empty registry. Add plugins with `use()`; the first conversion or listing freezes
 * it, after which `use()` and `registerLayerMapping()` throw `E_REGISTRY_FROZEN`.
 *
 * @example
 * ```ts
 * const registry = createRegistry().use(nnx).use(withEquinox && equinox);
 * const ir = registry.toIR(model, 'nnx', { sampleInput: [8, 8, 3] });
 * const eqxModel = registry.fromIR(ir, 'equinox');
 * ```
 */
export function createRegistry(): Registry {
  const tables = new RegistryTables();
  const plugins = new Set<string>();
  const titles = new Map<string, string>();
  let frozen = false;

  function assertOpen(action: string, plugin?: string): void {
    if (!frozen) return;
    throw new InteropError(
      'E_REGISTRY_FROZEN',
      `Cannot ${action}: the registry is frozen because it has already converted or listed layers`,
      {
        ...(plugin ? { plugin } : {}),
        fix: 'Create a new registry with createRegistry() and add every plugin and mapping before the first conversion',
      },
    );
  }

  function adapterOf(framework: string): { adapter: NonNullable<Plugin['adapter']>; plugin: string } {
    const found = tables.adapters.get(framework);
    if (found) return found;
    const known = [...tables.adapters.keys()];
    throw new MissingPluginError(`No plugin is registered for framework "${framework}"`, {
      framework,
      expected: known.length > 0 ? `one of ${known.join(', ')}` : 'a registered framework',
      fix: `Add its plugin with registry.use(plugin) before converting (e.g. createRegistry().use(${framework}))`,
    });
  }

  function frameworksAsked(framework: string | undefined): string[] {
    if (framework === undefined) return [...tables.frameworks];
    if (!tables.frameworks.includes(framework)) adapterOf(framework);
    return [framework];
  }

  function names(mappings: Iterable<LayerMapping>): string[] {
    return [...new Set([...mappings].filter((m) => m.meta.listed !== false).map((m) => m.meta.layer))].sort(compareCodePoints);
  }

  function claims_(framework: string, adapter: FrameworkAdapter, model: unknown): boolean {
    if (adapter.owns) return adapter.owns(model);
    try {
      const ctx = createConversionContext({ framework, direction: 'toIR' });
      const node = adapter.wrap ? adapter.wrap(model, ctx) : model;
      if (adapter.isSequential(node)) return true;
      const type = adapter.layerType(node);
      return (
        type !== undefined && (tables.mappingFor(framework, type) !== undefined || tables.typeRefusalFor(framework, type) !== undefined)
      );
    } catch {
      // An adapter that cannot even wrap the value does not own it.
      return false;
    }
  }

  const registry: Registry = {
    get frozen() {
      return frozen;
    },
    use(plugin, options = {}) {
      if (plugin === null || plugin === undefined || plugin === false) return registry;
      assertOpen(`add plugin "${plugin.meta?.name}"`, plugin.meta?.name);
      assertNoProblems(pluginProblems(plugin), `Plugin "${String(plugin.meta?.name)}"`, plugin.meta?.name);
      const { name, framework } = plugin.meta;
      if (plugins.has(name)) {
        throw new InteropError('E_INVALID_PLUGIN', `Plugin "${name}" is already in this registry`, {
          plugin: name,
          fix: 'Call use() once per plugin',
        });
      }
      const owner = tables.adapters.get(framework);
      if (plugin.adapter && owner) {
        throw new InteropError('E_INVALID_PLUGIN', `Framework "${framework}" already has an adapter, from plugin "${owner.plugin}"`, {
          plugin: name,
          framework,
          fix: 'Leave `adapter` out of plugins that only add mappings to a framework',
        });
      }
      // Check every clash before changing anything, so a refused plugin leaves no trace.
      if (!options.override) for (const mapping of Object.values(plugin.mappings)) tables.assertUnclaimed(mapping, name);
      tables.files.check(plugin);
      for (const definition of Object.values(plugin.kinds ?? {})) tables.assertKindFree(definition, name);
      plugins.add(name);
      tables.noteFramework(framework);
      if (plugin.meta.title !== undefined && !titles.has(framework)) titles.set(framework, plugin.meta.title);
      if (plugin.adapter) tables.adapters.set(framework, { adapter: plugin.adapter, plugin: name });
      for (const mapping of Object.values(plugin.mappings)) tables.addMapping(mapping, name, options.override === true);
      for (const refusal of plugin.refusals ?? []) {
        if ('layerType' in refusal) {
          const subject = refusal.layer ?? refusal.layerType.name;
          tables.addTypeRefusal(framework, refusal.layerType, { reason: refusal.reason, plugin: name, subject, framework });
        } else {
          const scope = refusal.anyFramework ? undefined : framework;
          tables.addKindRefusal(scope, refusal.ir, { reason: refusal.reason, plugin: name, subject: refusal.ir, framework: scope });
        }
      }
      for (const [kind, rule] of Object.entries(plugin.shapes ?? {})) tables.shapes.set(kind, rule);
      tables.files.add(plugin);
      for (const definition of Object.values(plugin.kinds ?? {})) {
        tables.addKind(definition, name);
        tables.shapes.set(definition.kind, shapeRuleOf(definition, tables.shapes));
      }
      return registry;
    },
    registerLayerMapping(mapping, options = {}) {
      const plugin = options.plugin ?? '(registerLayerMapping)';
      assertOpen(`register mapping "${mapping?.meta?.layer}"`, plugin);
      assertNoProblems(mappingProblems(mapping), `Mapping "${String(mapping?.meta?.layer)}"`, plugin);
      tables.addMapping(mapping as LayerMapping, plugin, options.override === true);
      return registry;
    },
    kinds() {
      frozen = true;
      const names = [...tables.kinds.keys()].sort(compareCodePoints);
      return Object.freeze(Object.fromEntries(names.map((kind) => [kind, tables.kinds.get(kind)!.definition])));
    },
    frameworks: () => [...tables.frameworks],
    titleOf: (framework) => titles.get(framework) ?? framework,
    filesOf: (framework) => tables.files.byFramework.get(framework)?.files,
    formats: () => [...tables.files.codecs.values()].map((e) => e.codec),
    mappingFor: (framework, layerType) => tables.mappingFor(framework, layerType)?.mapping,
    mappingsForKind: (framework, kind) => tables.mappingsForKind(framework, kind).map((e) => e.mapping),
    refusalFor: (framework, layerType) => tables.typeRefusalFor(framework, layerType)?.reason,
    kindRefusalFor: (kind, framework) => tables.kindRefusalFor(kind, framework)?.reason,
    supportedLayers(framework) {
      frozen = true;
      const out: Record<string, string[]> = {};
      for (const fw of frameworksAsked(framework)) {
        out[fw] = names([...(tables.byType.get(fw)?.values() ?? [])].map((e) => e.mapping));
      }
      return out;
    },
    convertibleLayers(from, to) {
      frozen = true;
      frameworksAsked(from);
      frameworksAsked(to);
      const sources = [...(tables.byType.get(from)?.values() ?? [])].map((e) => e.mapping);
      return names(sources.filter((m) => tables.mappingsForKind(to, m.meta.ir).length > 0));
    },
    frameworkOf(model) {
      const claims = [...tables.adapters.entries()]
        .filter(([framework, { adapter }]) => claims_(framework, adapter, model))
        .map(([f]) => f);
      if (claims.length === 1) return claims[0]!;
      const known = [...tables.adapters.keys()];
      throw new InteropError(
        'E_INVALID_ARGUMENT',
        claims.length === 0 ? 'Cannot tell which framework this model is from' : `The model could be from ${claims.join(' or ')}`,
        {
          found: describeValue(model),
          expected: `a model of ${known.join(', ') || 'a registered framework'}`,
          fix:
            claims.length === 0
              ? 'Pass a layer or Sequential of a registered framework, or name it with `from`'
              : 'Name the framework with `from`',
        },
      );
    },
    toIR(model, framework, options: ToIROptions = {}) {
      frozen = true;
      const inputShape = shapeOfSample(options.sampleInput);
      return runToIR(tables, framework, adapterOf(framework), model, { inputShape, options: options.options ?? {} });
    },
    fromIR(ir, framework, options: FromIROptions = {}) {
      frozen = true;
      const inputShape = shapeOfSample(options.sampleInput);
      return runFromIR(tables, framework, adapterOf(framework), ir, { inputShape, options: options.options ?? {} });
    },
    convert(model, options: ConvertOptions) {
      const ir = registry.toIR(model, options.from, options);
      adapterOf(options.to);
      return registry.fromIR(ir, options.to, { ...(options.options ? { options: options.options } : {}) });
    },
  };
  return registry;
}
