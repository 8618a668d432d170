import { InteropError } from '../errors/interop-error.js';
import { ConversionError, UnmappedLayerError, UnsupportedLayerError, UnsupportedStructureError } from '../errors/named-errors.js';
import type { ModuleIR } from '../ir/module.js';
import type { RegistryTables } from '../registry/tables.js';
import type { ConversionOptions, FrameworkAdapter, IRNode } from '../registry/types.js';
import { createConversionContext, joinPath } from './context.js';
import { buildModule } from './build-module.js';
import { FlattenTracker, refuseFlattenOutput } from './forward-walk.js';
import { located } from './located.js';
import { checkFromIRResult, mappingName } from './mapping-result.js';
import { shapeAfter } from './shape-flow.js';

interface Build {
  tables: RegistryTables;
  framework: string;
  adapter: FrameworkAdapter;
  plugin: string;
  options: ConversionOptions;
  shape: number[] | undefined;
}

function isNode(ir: unknown): ir is IRNode {
  return typeof ir === 'object' && ir !== null && typeof (ir as { kind?: unknown }).kind === 'string';
}

function checkNode(ir: unknown, path: string): asserts ir is IRNode {
  const node = ir as Partial<IRNode> | null;
  if (typeof node !== 'object' || node === null || typeof node.kind !== 'string' || typeof node.params !== 'object') {
    throw new InteropError('E_INVALID_IR', 'Expected an IR node with a string `kind` and a `params` object', {
      path,
      found: node === null ? 'null' : typeof node,
      fix: 'Build IR with toIR(), or read it with irFromJSON() which validates it',
    });
  }
}

/**
 * Builds one node, in the same order as reading: a mapping of this framework for the IR kind
 * (the first that accepts the instance), then a refusal (this framework's before an
 * any-framework one), then a module tree (see `buildModule`), then a sequential stack, then an unsupported container, else unmapped.
 */
function buildNode(build: Build, ir: unknown, path: string): unknown {
  checkNode(ir, path);
  const { tables, framework } = build;
  const layer = ir.origin?.layer ?? ir.kind;
  const where = { path, layer, framework, plugin: build.plugin };
  const input = ir.inputShape ?? build.shape;
  const candidates = tables.mappingsForKind(framework, ir.kind);
  const chosen = candidates.find((entry) =>
    located({ ...where, plugin: entry.plugin }, 'checking', () => entry.mapping.accepts?.(ir) ?? true),
  );
  if (chosen) {
    const at = { ...where, layer: chosen.mapping.meta.layer, plugin: chosen.plugin, mapping: `${framework}:${chosen.mapping.meta.layer}` };
    const ctx = createConversionContext({ framework, direction: 'fromIR', path, inputShape: input, options: build.options });
    const built = located(at, 'building', () => chosen.mapping.fromIR(ir, ctx));
    checkFromIRResult(built, build.adapter, at, mappingName(framework, chosen.mapping.meta.layer, chosen.plugin));
    build.shape = located(at, 'inferring the output shape of', () => shapeAfter(ir, input, tables.shapes));
    return built;
  }
  const refusal = tables.kindRefusalFor(ir.kind, framework);
  if (refusal) throw new UnsupportedLayerError(refusal.reason, { ...where, plugin: refusal.plugin });
  if (candidates.length > 0) {
    throw new ConversionError(`No ${framework} mapping accepts this \`${ir.kind}\` IR`, {
      ...where,
      expected: `an IR that one of ${candidates.map((c) => c.mapping.meta.layer).join(', ')} accepts`,
      fix: 'Check the layer hyperparameters (e.g. the number of spatial dimensions) against the target framework',
    });
  }
  if (ir.kind === 'module' && Array.isArray((ir as { children?: unknown }).children)) {
    build.shape = input;
    return buildModule(build, ir as ModuleIR, path, where, (child, childPath) => buildNode(build, child, childPath));
  }
  const layers = (ir as { layers?: unknown }).layers;
  if (ir.kind === 'sequential' && Array.isArray(layers)) {
    if (layers.length === 0) {
      throw new UnsupportedStructureError('Cannot convert an empty Sequential', {
        ...where,
        fix: 'Add at least one layer, or leave the empty stack out of the model',
      });
    }
    build.shape = input;
    const tracker = new FlattenTracker('channels-last', build.adapter.flattenOrder ?? 'channels-last');
    const children = layers.map((child, i) => {
      const at = joinPath(path, `layers/${i}`);
      const node = isNode(child)
        ? tracker.node(child, build.shape, { ...where, path: at, layer: child.origin?.layer ?? child.kind })
        : child;
      return buildNode(build, node, at);
    });
    tracker.barrier(where, `The output of \`${layer}\``);
    const ctx = createConversionContext({ framework, direction: 'fromIR', path, inputShape: input, options: build.options });
    return located(where, 'assembling', () => build.adapter.buildSequential(children, ctx));
  }
  if (Array.isArray(layers)) {
    throw new UnsupportedStructureError(
      `Cannot build \`${ir.kind}\`: only single layers and sequential stacks are supported; a container with its own forward logic cannot be rebuilt`,
      { ...where, fix: `Register a mapping of framework "${framework}" for the IR kind \`${ir.kind}\`` },
    );
  }
  throw new UnmappedLayerError(`No ${framework} mapping builds the IR kind \`${ir.kind}\``, {
    ...where,
    fix: 'Register one with registry.registerLayerMapping(defineMapping({ ... })), or convert to a framework that has one',
  });
}

/** Builds a framework model from IR; see `Registry.fromIR`. */
export function runFromIR(
  tables: RegistryTables,
  framework: string,
  adapter: { adapter: FrameworkAdapter; plugin: string },
  ir: unknown,
  options: { inputShape: number[] | undefined; options: ConversionOptions },
): unknown {
  const build: Build = { tables, framework, ...adapter, options: options.options, shape: options.inputShape };
  if (isNode(ir)) {
    const where = { path: '', layer: ir.kind, framework, plugin: adapter.plugin };
    refuseFlattenOutput(ir, ir.inputShape ?? options.inputShape, 'channels-last', adapter.adapter.flattenOrder ?? 'channels-last', where);
  }
  const root = buildNode(build, ir, '');
  const { finalize } = adapter.adapter;
  if (!finalize) return root;
  const ctx = createConversionContext({ framework, direction: 'fromIR', inputShape: options.inputShape, options: options.options });
  return located({ path: '', layer: '(model)', framework, plugin: adapter.plugin }, 'finalizing', () => finalize(root, ctx));
}
