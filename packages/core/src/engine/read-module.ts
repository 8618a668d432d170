import type { ModuleChild, ModuleIR } from '../ir/module.js';
import { childNamed, childPath } from '../ir/module.js';
import type { RegistryTables } from '../registry/tables.js';
import type { FrameworkAdapter, IRNode, ModuleParts } from '../registry/types.js';
import { FlattenTracker, walkForward } from './forward-walk.js';
import type { Location } from './located.js';
import { refuseUnknownFlatten } from './module-tree.js';
import { shapeAfter } from './shape-flow.js';

/** The state a module reader shares with the node reader. */
export interface ReadState {
  tables: RegistryTables;
  adapter: FrameworkAdapter;
  shape: number[] | undefined;
}

type PartsChild = ModuleParts['children'][number];
const itemsOf = (c: PartsChild): unknown[] => ('items' in c ? c.items : [c.node]);

/**
 * Reads a module tree: children called by the forward program in call order (so each learns its
 * input shape, and a Linear fed by a flatten gets its rows reordered into channels-last order),
 * then the children it never calls; the IR keeps declaration order.
 */
export function readModule(
  state: ReadState,
  parts: ModuleParts,
  path: string,
  where: Location,
  readNode: (model: unknown, path: string) => IRNode,
): ModuleIR {
  const input = state.shape;
  const order = state.adapter.flattenOrder ?? 'channels-last';
  const read = new Map<string, IRNode[]>();
  const readItem = (child: PartsChild, i: number, shape: number[] | undefined): IRNode => {
    const nodes = read.get(child.name) ?? [];
    read.set(child.name, nodes);
    state.shape = shape;
    nodes[i] ??= readNode(itemsOf(child)[i], childPath(path, child, i));
    return nodes[i]!;
  };
  const tracker = new FlattenTracker(order, 'channels-last');
  let output: number[] | undefined;
  if (parts.forward) {
    output = walkForward(
      parts.forward,
      input,
      {
        itemCount: (name) => itemsOf(childNamed(parts.children, name, where)).length,
        child: (name, i, shape) => {
          const child = childNamed(parts.children, name, where);
          const fresh = read.get(name)?.[i] === undefined;
          const ir = readItem(child, i, shape);
          const out = fresh ? state.shape : shapeAfter(ir, shape, state.tables.shapes);
          const at = { ...where, path: childPath(path, child, i), layer: ir.origin?.layer ?? ir.kind };
          read.get(name)![i] = tracker.node(ir, shape, at);
          return out;
        },
        op: (node, shape) => shapeAfter(node, shape, state.tables.shapes),
      },
      tracker,
      where,
    );
    tracker.barrier(where, `The output of \`${parts.name}\``);
  }
  const children: ModuleChild[] = parts.children.map((child) => {
    const nodes = itemsOf(child).map((_, i) => read.get(child.name)?.[i] ?? readItem(child, i, undefined));
    return 'items' in child ? { name: child.name, items: nodes } : { name: child.name, node: nodes[0]! };
  });
  state.shape = output;
  const ir: ModuleIR = {
    kind: 'module',
    params: { name: parts.name },
    tensors: {},
    children,
    ...(parts.forward ? { forward: parts.forward } : {}),
    ...(input !== undefined ? { inputShape: [...input] } : {}),
    origin: { framework: where.framework, layer: parts.name, path },
  };
  if (order !== 'channels-last') refuseUnknownFlatten(ir, where, `between ${order} and channels-last frameworks`);
  return ir;
}
