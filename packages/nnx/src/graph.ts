import { InteropError, Tensor } from '@interop/core';
import { Module, graphChildren, requireModule } from './module.js';
import type { AnyModule } from './module.js';
import { Variable } from './variables.js';

/** `nnx.State`: the model's variables by path (`layers/0/kernel` is `state.layers[0].kernel`). */
export type State = { [key: string]: Variable | State };

/** `nnx.to_pure_dict`'s result: the arrays by path. Integer keys read as their digit strings. */
export type PureDict = { [key: string]: Tensor | PureDict };

type VariableClass = abstract new (...args: never[]) => Variable;

function collect(node: unknown, filters: readonly VariableClass[]): State | undefined {
  const out: State = {};
  for (const [k, v] of graphChildren(node as object)) {
    if (v instanceof Variable) {
      if (filters.length === 0 || filters.some((f) => v instanceof f)) out[k] = v;
    } else {
      const sub = collect(v, filters);
      if (sub) out[k] = sub;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * `nnx.state(model, *filters)`: the model's variables (all, or those of the given classes) by
 * path, keys sorted as NNX sorts them. The variables are the model's own: `replaceByPureDict`
 * on the state changes the model.
 *
 * @example
 * ```ts
 * const params = state(model, Param); // { layers: { 0: { bias, kernel }, ... } }
 * ```
 */
export function state(model: AnyModule, ...filters: VariableClass[]): State {
  return collect(requireModule(model, 'state(model)'), filters) ?? {};
}

/**
 * Every variable with its path (`['layers', '0', 'kernel']`), in NNX's order.
 *
 * @example
 * ```ts
 * for (const [path, v] of flatState(state(model))) console.log(path.join('/'), v.type);
 * ```
 */
export function flatState(s: State | PureDict): Array<[string[], Variable | Tensor]> {
  const out: Array<[string[], Variable | Tensor]> = [];
  const walk = (t: State | PureDict, path: string[]) => {
    for (const [k, v] of Object.entries(t)) {
      if (v instanceof Variable || v instanceof Tensor) out.push([[...path, k], v]);
      else walk(v, [...path, k]);
    }
  };
  walk(s, []);
  return out;
}

/**
 * `nnx.to_pure_dict(state)`: the same tree with each variable replaced by its array.
 *
 * @example
 * ```ts
 * const pure = toPureDict(state(model)); // pure.layers[0].kernel is a Tensor
 * ```
 */
export function toPureDict(s: State): PureDict {
  const out: PureDict = {};
  for (const [k, v] of Object.entries(s)) out[k] = v instanceof Variable ? v.value : toPureDict(v);
  return out;
}

function at(s: State, path: string[]): Variable | undefined {
  let node: Variable | State | undefined = s;
  for (const p of path) node = node instanceof Variable || node === undefined ? undefined : node[p];
  return node instanceof Variable ? node : undefined;
}

/**
 * `nnx.replace_by_pure_dict(state, pure)`: puts each array of `pure` into the variable at its
 * path. A path the state lacks or a shape that differs is refused; the dtype is the array's.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unknown path, E_SHAPE_MISMATCH for a shape.
 * @example
 * ```ts
 * replaceByPureDict(state(model), readState(bytes));
 * ```
 */
export function replaceByPureDict(s: State, pure: PureDict): void {
  for (const [path, value] of flatState(pure)) {
    const v = at(s, path);
    if (!v) {
      throw new InteropError('E_INVALID_ARGUMENT', `the model has no variable at '${path.join('/')}'`, {
        path: path.join('/'),
        expected:
          flatState(s)
            .map(([p]) => p.join('/'))
            .join(', ') || '(no variables)',
      });
    }
    const t = value as Tensor;
    if (JSON.stringify(t.shape) !== JSON.stringify(v.value.shape)) {
      throw new InteropError('E_SHAPE_MISMATCH', `'${path.join('/')}' has shape [${t.shape}] where the model has [${v.value.shape}]`, {
        path: path.join('/'),
      });
    }
    v.value = t;
  }
}

/**
 * `nnx.update(model, state)`: copies a state's (or pure dict's) values into the model's variables.
 *
 * @example
 * ```ts
 * update(model, otherState);
 * ```
 */
export function update(model: AnyModule, ...states: Array<State | PureDict>): void {
  const own = state(model);
  for (const s of states) {
    const pure = Object.fromEntries(flatState(s).map(([p, v]) => [p.join('/'), v instanceof Variable ? v.value : v]));
    replaceByPureDict(own, unflatten(pure));
  }
}

/** A `/`-joined flat mapping back to a tree. */
export function unflatten(flat: Record<string, Tensor>): PureDict {
  const root: PureDict = {};
  for (const [key, t] of Object.entries(flat)) {
    const parts = key.split('/');
    let node = root;
    for (const p of parts.slice(0, -1)) {
      const next = node[p] ?? (node[p] = {});
      if (next instanceof Tensor) throw new InteropError('E_FORMAT_CORRUPT', `'${key}' extends an array`, { path: key });
      node = next;
    }
    node[parts[parts.length - 1]!] = t;
  }
  return root;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function clone<T>(v: T): T {
  if (v instanceof Variable) return new (v.constructor as new (t: Tensor) => Variable)(v.value) as T;
  if (Array.isArray(v)) return v.map((x) => (x instanceof Module || x instanceof Variable ? clone(x) : x)) as T;
  if (v instanceof Module) {
    const out = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v))
      out[k] = x instanceof Module || x instanceof Variable || Array.isArray(x) || isRecord(x) ? clone(x) : x;
    return out as T;
  }
  // A ModuleTree's children record.
  if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

/**
 * `nnx.GraphDef`: a model's structure without its state; `merge` builds a model from it.
 *
 * @example
 * ```ts
 * const [graphdef, params] = split(model);
 * ```
 */
export class GraphDef {
  /** @internal */
  constructor(readonly template: AnyModule) {}

  /** The root module's class name. */
  get type(): string {
    return this.template.type;
  }
}

/**
 * `nnx.split(model, *filters)`: the structure and the state (one state per filter, all
 * variables without filters).
 *
 * @example
 * ```ts
 * const [graphdef, params, stats] = split(model, Param, BatchStat);
 * const copy = merge(graphdef, params, stats);
 * ```
 */
export function split(model: AnyModule, ...filters: VariableClass[]): [GraphDef, ...State[]] {
  const graphdef = new GraphDef(clone(requireModule(model, 'split(model)')));
  if (filters.length === 0) return [graphdef, state(model)];
  return [graphdef, ...filters.map((f) => state(model, f))];
}

/**
 * `nnx.merge(graphdef, *states)`: a new model of `graphdef`'s structure holding the states'
 * values (variables not in the states keep the values they had at `split`).
 *
 * @example
 * ```ts
 * const model2 = merge(graphdef, params);
 * ```
 */
export function merge(graphdef: GraphDef, ...states: Array<State | PureDict>): AnyModule {
  const model = clone(graphdef.template);
  update(model, ...states);
  return model;
}
