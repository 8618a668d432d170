import { UnmappedLayerError, UnsupportedLayerError, UnsupportedStructureError } from '../errors/named-errors.js';
import type { LayerIR, SequentialIR } from '../ir/kinds.js';
import type { RegistryTables } from '../registry/tables.js';
import type { ConversionOptions, FrameworkAdapter, IRNode } from '../registry/types.js';
import { createConversionContext, joinPath } from './context.js';
import { FlattenTracker, refuseFlattenOutput } from './forward-walk.js';
import { located } from './located.js';
import { checkToIRResult, mappingName } from './mapping-result.js';
import { readModule } from './read-module.js';
import { shapeAfter } from './shape-flow.js';
import { closeNames } from './suggest.js';

interface Walk {
  tables: RegistryTables;
  framework: string;
  adapter: FrameworkAdapter;
  plugin: string;
  options: ConversionOptions;
  /** The shape flowing into the next layer. */
  shape: number[] | undefined;
}

function nameOf(walk: Walk, model: unknown): string {
  const custom = walk.adapter.layerName?.(model);
  if (custom) return custom;
  const type = walk.adapter.layerType(model);
  if (typeof model === 'function') return `function ${model.name || '(anonymous)'}`;
  if (type?.name) return type.name;
  return model === null ? 'null' : typeof model;
}

/**
 * Reads one node, leaf first (the Python anchor's order): a registered mapping wins even when the
 * layer holds sub-layers; then a refusal; then a module tree (see `readModule`); then a Sequential
 * is read child by child with the shape flowing through; then a layer holding other layers is an unsupported structure; anything else
 * is unmapped.
 */
function readNode(walk: Walk, model: unknown, path: string): IRNode {
  const { tables, framework, adapter } = walk;
  const where = { path, layer: '?', framework, plugin: walk.plugin };
  const type = located(where, 'inspecting', () => adapter.layerType(model));
  where.layer = located(where, 'inspecting', () => nameOf(walk, model));
  const input = walk.shape;
  const found = tables.mappingFor(framework, type);
  if (found) {
    const at = { ...where, plugin: found.plugin, mapping: `${framework}:${found.mapping.meta.layer}` };
    const ctx = createConversionContext({ framework, direction: 'toIR', path, inputShape: input, options: walk.options });
    const ir: unknown = located(at, 'converting to IR', () => found.mapping.toIR(model, ctx));
    checkToIRResult(ir, at, mappingName(framework, found.mapping.meta.layer, found.plugin));
    walk.shape = located(at, 'inferring the output shape of', () => shapeAfter(ir, input, tables.shapes));
    return {
      ...ir,
      ...(input !== undefined && ir.inputShape === undefined ? { inputShape: [...input] } : {}),
      origin: ir.origin ?? { framework, layer: found.mapping.meta.layer, path },
    };
  }
  const refusal = tables.typeRefusalFor(framework, type);
  if (refusal) throw new UnsupportedLayerError(refusal.reason, { ...where, plugin: refusal.plugin });
  const parts = adapter.moduleParts ? located(where, 'inspecting', () => adapter.moduleParts!(model)) : undefined;
  if (parts) return readModule(walk, parts, path, where, (child, childPath) => readNode(walk, child, childPath));
  if (located(where, 'inspecting', () => adapter.isSequential(model))) {
    const children = located(where, 'listing the layers of', () => adapter.children(model));
    if (children.length === 0) {
      throw new UnsupportedStructureError('Cannot convert an empty Sequential', {
        ...where,
        fix: 'Add at least one layer, or leave the empty stack out of the model',
      });
    }
    const tracker = new FlattenTracker(adapter.flattenOrder ?? 'channels-last', 'channels-last');
    const layers = children.map((child) => {
      const shapeIn = walk.shape;
      const at = joinPath(path, child.key);
      const ir = readNode(walk, child.model, at);
      return tracker.node(ir, shapeIn, { ...where, path: at, layer: ir.origin?.layer ?? ir.kind }) as LayerIR;
    });
    tracker.barrier(where, `The output of \`${where.layer}\``);
    const node: SequentialIR = { kind: 'sequential', params: {}, tensors: {}, layers, origin: { framework, layer: where.layer, path } };
    if (input !== undefined) node.inputShape = [...input];
    return node;
  }
  if (located(where, 'inspecting', () => adapter.hasChildModules(model))) {
    throw new UnsupportedStructureError(
      `Cannot convert \`${where.layer}\`: only single layers and Sequential stacks of registered layers are supported; a container with its own forward logic (skips, branches) cannot be rebuilt`,
      { ...where, fix: `Convert its layers one by one, or register a mapping for \`${where.layer}\`` },
    );
  }
  const known = [...(tables.byType.get(framework)?.values() ?? [])].map((e) => e.mapping.meta.layer);
  const near = closeNames(where.layer, known);
  const hint = near.length > 0 ? `Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}? ` : '';
  throw new UnmappedLayerError(`No mapping is registered for the ${framework} layer type \`${where.layer}\``, {
    ...where,
    fix: `${hint}Register one with registry.registerLayerMapping(defineMapping({ ... })), or remove the layer from the model before converting`,
  });
}

/** Reads a framework model into IR; see `Registry.toIR`. */
export function runToIR(
  tables: RegistryTables,
  framework: string,
  adapter: { adapter: FrameworkAdapter; plugin: string },
  input: unknown,
  options: { inputShape: number[] | undefined; options: ConversionOptions },
): IRNode {
  const walk: Walk = { tables, framework, ...adapter, options: options.options, shape: options.inputShape };
  const rootCtx = createConversionContext({ framework, direction: 'toIR', inputShape: options.inputShape, options: options.options });
  const where = { path: '', layer: '(model)', framework, plugin: adapter.plugin };
  const model = adapter.adapter.wrap ? located(where, 'reading', () => adapter.adapter.wrap!(input, rootCtx)) : input;
  const ir = readNode(walk, model, '');
  refuseFlattenOutput(ir, options.inputShape, adapter.adapter.flattenOrder ?? 'channels-last', 'channels-last', where);
  return ir;
}
