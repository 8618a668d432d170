import type { ForwardStep, ModuleChild, ModuleIR } from '../ir/module.js';
import { childNamed, childPath } from '../ir/module.js';
import { OP_KINDS } from '../ir/ops.js';
import type { IRNode } from '../registry/types.js';
import { joinPath } from './context.js';

/** A forward program over layer paths: every module call inlined down to its layers. */
type Flat = { leaf: string } | { op: IRNode } | { residual: Flat[]; shortcut?: Flat[] };

const STATELESS = new Set(OP_KINDS);
const here = { path: '' };

function expandNode(node: IRNode, path: string): Flat[] | undefined {
  if (STATELESS.has(node.kind)) return [{ op: node }];
  if (node.kind === 'module') {
    const m = node as ModuleIR;
    return m.forward ? expandSteps(m, m.forward, path) : undefined;
  }
  const layers = (node as { layers?: IRNode[] }).layers;
  if (node.kind === 'sequential' && Array.isArray(layers))
    return joinAll(layers.map((n, i) => expandNode(n, joinPath(path, `layers/${i}`))));
  return [{ leaf: path }];
}

function joinAll(parts: Array<Flat[] | undefined>): Flat[] | undefined {
  return parts.some((p) => p === undefined) ? undefined : (parts.flat() as Flat[]);
}

function expandSteps(m: ModuleIR, steps: readonly ForwardStep[], path: string): Flat[] | undefined {
  return joinAll(
    steps.map((step): Flat[] | undefined => {
      if ('op' in step) return [{ op: step.op }];
      if ('call' in step) {
        const child = childNamed(m.children, step.call, here);
        const nodes = 'items' in child ? child.items : [child.node];
        return joinAll(nodes.map((n, i) => expandNode(n, childPath(path, child, i))));
      }
      const residual = expandSteps(m, step.residual, path);
      const shortcut = step.shortcut ? expandSteps(m, step.shortcut, path) : undefined;
      if (!residual || (step.shortcut && !shortcut)) return undefined;
      return [shortcut ? { residual, shortcut } : { residual }];
    }),
  );
}

/** The first path segment below `prefix` of every layer a step uses (its owners). */
function owners(step: Flat, prefix: string): Set<string> {
  if ('op' in step) return new Set();
  if ('leaf' in step) return new Set([step.leaf.slice(prefix.length).split('/')[0]!]);
  return new Set([...step.residual, ...(step.shortcut ?? [])].flatMap((s) => [...owners(s, prefix)]));
}

function rename(steps: Flat[], to: ReadonlyMap<string, string>): Flat[] | undefined {
  return joinAll(
    steps.map((s): Flat[] | undefined => {
      if ('op' in s) return [s];
      if ('leaf' in s) return to.has(s.leaf) ? [{ leaf: to.get(s.leaf)! }] : undefined;
      const residual = rename(s.residual, to);
      const shortcut = s.shortcut ? rename(s.shortcut, to) : undefined;
      return residual && (!s.shortcut || shortcut) ? [shortcut ? { residual, shortcut } : { residual }] : undefined;
    }),
  );
}

/** Gives module `m` (at `path`) a forward program for `steps`, children grouped by owner. */
function fold(m: ModuleIR, path: string, steps: Flat[]): ModuleIR | undefined {
  const prefix = path === '' ? '' : `${path}/`;
  const children = m.children.map((c) => ({ ...c })) as ModuleChild[];
  const forward: ForwardStep[] = [];
  const called = new Set<string>();
  for (let i = 0; i < steps.length; ) {
    const step = steps[i]!;
    const own = owners(step, prefix);
    if ('op' in step) {
      forward.push({ op: step.op });
      i++;
      continue;
    }
    if ('residual' in step && own.size !== 1) {
      const s = step;
      const residual = foldSteps(m, children, path, s.residual);
      const shortcut = s.shortcut ? foldSteps(m, children, path, s.shortcut) : undefined;
      if (!residual || (s.shortcut && !shortcut)) return undefined;
      forward.push(shortcut ? { residual, shortcut } : { residual });
      i++;
      continue;
    }
    const name = [...own][0]!;
    let end = i;
    for (let j = i; j < steps.length; j++) {
      const o = owners(steps[j]!, prefix);
      if (o.size > 0 && !(o.size === 1 && o.has(name))) break;
      if (o.size > 0) end = j;
    }
    if (called.has(name)) return undefined;
    called.add(name);
    const index = children.findIndex((c) => c.name === name);
    if (index < 0 || !callChild(children, index, path, steps.slice(i, end + 1))) return undefined;
    forward.push({ call: name });
    i = end + 1;
  }
  return { ...m, children, forward };
}

function foldSteps(m: ModuleIR, children: ModuleChild[], path: string, steps: Flat[]): ForwardStep[] | undefined {
  const folded = fold({ ...m, children }, path, steps);
  if (!folded) return undefined;
  children.splice(0, children.length, ...folded.children);
  return folded.forward;
}

/** Whether calling child `index` runs exactly `run`; gives a nested module the forward it needs. */
function callChild(children: ModuleChild[], index: number, path: string, run: Flat[]): boolean {
  const child = children[index]!;
  const nodes = 'items' in child ? child.items : [child.node];
  const built: IRNode[] = [];
  let at = 0;
  for (const [i, node] of nodes.entries()) {
    const itemPath = childPath(path, child, i);
    let end = at;
    while (end < run.length && within(run[end]!, itemPath)) end++;
    const part = run.slice(at, end);
    at = end;
    if (node.kind === 'module') {
      const m = node as ModuleIR;
      const next = m.forward ? m : fold(m, itemPath, part);
      if (!next) return false;
      built.push(next);
    } else if (part.length === 1 && 'leaf' in part[0]! && part[0].leaf === itemPath) built.push(node);
    else return false;
  }
  if (at !== run.length) return false;
  children[index] = 'items' in child ? { name: child.name, items: built } : { name: child.name, node: built[0]! };
  return true;
}

function within(step: Flat, path: string): boolean {
  if ('op' in step) return true;
  if ('leaf' in step) return step.leaf === path || step.leaf.startsWith(`${path}/`);
  return [...step.residual, ...(step.shortcut ?? [])].every((s) => within(s, path));
}

/**
 * The source's forward program, its layer calls renamed through `renamed` (source path →
 * template path) and regrouped into the template's modules: `template` with that forward, or
 * `undefined` when the source has none or its calls do not fall into the template's structure.
 */
export function translateForward(source: IRNode, template: ModuleIR, renamed: ReadonlyMap<string, string>): ModuleIR | undefined {
  const flat = expandNode(source, '');
  const steps = flat && rename(flat, renamed);
  return steps ? fold(template, '', steps) : undefined;
}
