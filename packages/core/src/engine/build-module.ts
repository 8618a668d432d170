import { UnsupportedStructureError } from '../errors/named-errors.js';
import type { ForwardStep, ModuleChild, ModuleIR } from '../ir/module.js';
import { childNamed, childNodes, childPath } from '../ir/module.js';
import { OP_KINDS } from '../ir/ops.js';
import type { RegistryTables } from '../registry/tables.js';
import type { ConversionOptions, FrameworkAdapter, IRNode, ModuleParts } from '../registry/types.js';
import { createConversionContext } from './context.js';
import { FlattenTracker, walkForward } from './forward-walk.js';
import { located } from './located.js';
import type { Location } from './located.js';
import { refuseUnknownFlatten } from './module-tree.js';
import { shapeAfter } from './shape-flow.js';

/** The state a module builder shares with the node builder. */
export interface BuildState {
  tables: RegistryTables;
  framework: string;
  adapter: FrameworkAdapter;
  options: ConversionOptions;
  shape: number[] | undefined;
}

const OPS = new Set(OP_KINDS);

function inlineSteps(steps: readonly ForwardStep[], inlined: ReadonlyMap<string, IRNode[]>): ForwardStep[] {
  return steps.flatMap((step): ForwardStep[] => {
    if ('call' in step) return inlined.get(step.call)?.map((op) => ({ op })) ?? [step];
    if ('op' in step) return [step];
    const residual = inlineSteps(step.residual, inlined);
    return [step.shortcut ? { residual, shortcut: inlineSteps(step.shortcut, inlined) } : { residual }];
  });
}

/**
 * Children made only of stateless ops (a pool or flatten layer in Equinox or BrainState) that the
 * target framework has no layer for become function steps of the forward program, as Flax users
 * write them; without a forward they hold nothing to convert and are left out.
 */
export function inlineOpChildren(ir: ModuleIR, hasLayerFor: (kind: string) => boolean): ModuleIR {
  const inlined = new Map<string, IRNode[]>();
  const children: ModuleChild[] = [];
  for (const child of ir.children) {
    const nodes = childNodes(child);
    if (nodes.length > 0 && nodes.every((n) => OPS.has(n.kind) && !hasLayerFor(n.kind))) inlined.set(child.name, nodes);
    else children.push(child);
  }
  if (inlined.size === 0) return ir;
  return { ...ir, children, ...(ir.forward ? { forward: inlineSteps(ir.forward, inlined) } : {}) };
}

/**
 * Builds a module tree: children the forward program calls, in call order with their input
 * shapes (a Linear fed by a flatten gets its rows reordered into the framework's order), then
 * the others; the adapter assembles them in declaration order.
 */
export function buildModule(
  state: BuildState,
  source: ModuleIR,
  path: string,
  where: Location,
  buildNode: (ir: IRNode, path: string) => unknown,
): unknown {
  const { adapter, framework, tables } = state;
  if (!adapter.buildModule) {
    throw new UnsupportedStructureError(`The ${framework} plugin cannot build module trees`, {
      ...where,
      fix: 'Convert the layers one by one, or to a framework whose plugin builds modules',
    });
  }
  const order = adapter.flattenOrder ?? 'channels-last';
  if (order !== 'channels-last') refuseUnknownFlatten(source, where, `between channels-last and ${order} frameworks`);
  const ir = inlineOpChildren(source, (kind) => tables.mappingsForKind(framework, kind).length > 0);
  const input = ir.inputShape ?? state.shape;
  const built = new Map<string, unknown[]>();
  const buildItem = (child: ModuleChild, i: number, node: IRNode, shape: number[] | undefined): void => {
    const list = built.get(child.name) ?? [];
    built.set(child.name, list);
    state.shape = shape;
    list[i] = buildNode(node, childPath(path, child, i));
  };
  const tracker = new FlattenTracker('channels-last', order);
  let output: number[] | undefined;
  if (ir.forward) {
    output = walkForward(
      ir.forward,
      input,
      {
        itemCount: (name) => childNodes(childNamed(ir.children, name, where)).length,
        child: (name, i, shape) => {
          const child = childNamed(ir.children, name, where);
          const source = childNodes(child)[i]!;
          if (built.get(name)?.[i] !== undefined) return shapeAfter(source, shape, tables.shapes);
          const node = tracker.node(source, shape, {
            ...where,
            path: childPath(path, child, i),
            layer: source.origin?.layer ?? source.kind,
          });
          buildItem(child, i, node, shape);
          return state.shape;
        },
        op: (node, shape) => shapeAfter(node, shape, tables.shapes),
      },
      tracker,
      where,
    );
    tracker.barrier(where, `The output of \`${ir.params.name}\``);
  }
  const children = ir.children.map((child): ModuleParts['children'][number] => {
    childNodes(child).forEach((node, i) => {
      if (built.get(child.name)?.[i] === undefined) buildItem(child, i, node, undefined);
    });
    const nodes = built.get(child.name)!;
    return 'items' in child ? { name: child.name, items: nodes } : { name: child.name, node: nodes[0] };
  });
  state.shape = output;
  const ctx = createConversionContext({ framework, direction: 'fromIR', path, inputShape: input, options: state.options });
  const parts: ModuleParts = { name: ir.params.name, children, ...(ir.forward ? { forward: ir.forward } : {}) };
  return located(where, 'assembling', () => adapter.buildModule!(parts, ctx));
}
