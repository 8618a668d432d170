import { InteropError } from '../errors/interop-error.js';
import { kindProblems } from '../ir/kind-problems.js';
import { filesProblems } from './files-problems.js';
import type { LayerMapping, Plugin } from './types.js';

const ADAPTER_METHODS = ['layerType', 'isSequential', 'children', 'hasChildModules', 'buildSequential'] as const;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/**
 * Every problem of a mapping, each prefixed by where it is (`mappings.Linear.meta.ir: ...`).
 * An empty list means the mapping is well formed.
 *
 * @example
 * ```ts
 * mappingProblems({ meta: {} }); // ['meta.framework: expected a non-empty string', ...]
 * ```
 */
export function mappingProblems(mapping: unknown, at = ''): string[] {
  const problems: string[] = [];
  const m = (mapping ?? {}) as Partial<LayerMapping>;
  const meta = (m.meta ?? {}) as Partial<LayerMapping['meta']>;
  for (const key of ['framework', 'layer', 'ir', 'description'] as const) {
    if (!isText(meta[key])) problems.push(`${at}meta.${key}: expected a non-empty string`);
  }
  if (meta.status !== 'stable' && meta.status !== 'experimental') {
    problems.push(`${at}meta.status: expected 'stable' or 'experimental'`);
  }
  if (typeof m.layerType !== 'function') problems.push(`${at}layerType: expected the framework layer's constructor`);
  for (const key of ['toIR', 'fromIR'] as const) {
    if (typeof m[key] !== 'function') problems.push(`${at}${key}: expected a function`);
  }
  if (m.accepts !== undefined && typeof m.accepts !== 'function') problems.push(`${at}accepts: expected a function`);
  return problems;
}

/** Every problem of a plugin, each prefixed by where it is. */
export function pluginProblems(plugin: unknown): string[] {
  const p = (plugin ?? {}) as Partial<Plugin>;
  const meta = (p.meta ?? {}) as Partial<Plugin['meta']>;
  const problems: string[] = [];
  for (const key of ['name', 'version', 'framework'] as const) {
    if (!isText(meta[key])) problems.push(`meta.${key}: expected a non-empty string`);
  }
  if (meta.title !== undefined && !isText(meta.title)) problems.push('meta.title: expected a non-empty string or nothing');
  if (p.adapter !== undefined) {
    for (const key of ADAPTER_METHODS) {
      if (typeof p.adapter[key] !== 'function') problems.push(`adapter.${key}: expected a function`);
    }
  }
  if (typeof p.mappings !== 'object' || p.mappings === null) {
    problems.push('mappings: expected an object { LayerName: mapping }');
  } else {
    const seen = new Map<unknown, string>();
    for (const [key, mapping] of Object.entries(p.mappings)) {
      const twin = seen.get(mapping?.layerType);
      if (twin !== undefined) problems.push(`mappings.${key}.layerType: same layer type as mappings.${twin}`);
      if (typeof mapping?.layerType === 'function') seen.set(mapping.layerType, key);
      const found = mappingProblems(mapping, `mappings.${key}.`);
      problems.push(...found);
      if (found.length > 0) continue;
      if (mapping.meta.layer !== key) problems.push(`mappings.${key}.meta.layer: expected "${key}", found "${mapping.meta.layer}"`);
      if (isText(meta.framework) && mapping.meta.framework !== meta.framework) {
        problems.push(`mappings.${key}.meta.framework: expected "${meta.framework}", found "${mapping.meta.framework}"`);
      }
    }
  }
  (p.refusals ?? []).forEach((r, i) => {
    if (!isText(r?.reason)) problems.push(`refusals.${i}.reason: expected a non-empty string`);
    const byType = 'layerType' in r && typeof r.layerType === 'function';
    const byKind = 'ir' in r && isText(r.ir);
    if (byType === byKind) problems.push(`refusals.${i}: expected either a layerType (constructor) or an ir kind`);
  });
  problems.push(...kindsProblems(p.kinds));
  for (const [kind, fn] of Object.entries(p.shapes ?? {})) {
    if (typeof fn !== 'function') problems.push(`shapes.${kind}: expected a function`);
  }
  problems.push(...filesProblems(p.files));
  return problems;
}

function kindsProblems(kinds: unknown): string[] {
  if (kinds === undefined) return [];
  if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) return ['kinds: expected an object { kind: defineKind(...) }'];
  return Object.entries(kinds).flatMap(([key, definition]) => {
    const found = kindProblems(definition, `kinds.${key}.`);
    const kind = (definition as { kind?: unknown } | null)?.kind;
    return found.length === 0 && kind !== key ? [`kinds.${key}.kind: expected "${key}", found "${String(kind)}"`] : found;
  });
}

/** Throws `E_INVALID_PLUGIN` listing every problem, or returns. */
export function assertNoProblems(
  problems: string[],
  what: string,
  plugin?: string,
  fix = 'Build it with definePlugin() / defineMapping() and fill in the listed fields',
): void {
  if (problems.length === 0) return;
  throw new InteropError('E_INVALID_PLUGIN', `${what} is malformed: ${problems.join('; ')}`, {
    ...(plugin ? { plugin } : {}),
    problems,
    fix,
  });
}
