import { InteropError } from '../errors/interop-error.js';
import { resolveConvPadding } from '../ir/conv-shape.js';
import type { ConvIR } from '../ir/kinds.js';
import type { ModuleChild, ModuleIR } from '../ir/module.js';
import { childPath } from '../ir/module.js';
import { OP_KINDS } from '../ir/ops.js';
import type { IRNode } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';
import { joinPath } from './context.js';
import { translateForward } from './template-forward.js';

/** Options of {@link fitToTemplate}. */
export interface FitTemplateOptions {
  /**
   * `[pattern, replacement]` pairs applied in order to every source layer path (`Conv_0`,
   * `Encoder_0/Dense_0`), as `String.replace` does (`$1` for groups): a source layer that a
   * pattern matches pairs with the template layer at the renamed path instead of by order.
   */
  renames?: ReadonlyArray<readonly [RegExp, string]>;
  /**
   * The template's hyperparameters are exact (given by a spec, not inferred from a file): those
   * that change what a layer computes must then equal the source's, and the fitted layer takes
   * the template's values where they only differ in what cannot change (momentum, the variance
   * formula of a norm).
   */
  exactParams?: boolean;
}

/** One source layer placed in the template: paths as `conv1` or `layers/0` (`''` for a lone layer). */
export interface TemplatePair {
  source: string;
  template: string;
  kind: string;
  /** True when a rename placed it rather than the order. */
  renamed: boolean;
}

/** What {@link fitToTemplate} returns. */
export interface FittedTemplate {
  /** The template's tree (names, nesting, lists, order, dtypes) holding the source's weights. */
  ir: IRNode;
  /** Every source layer and where it went, in the template's order. */
  pairs: TemplatePair[];
}

interface Leaf {
  path: string;
  node: IRNode;
}

const STATELESS = new Set(OP_KINDS);
/** Params that never change what a layer computes in inference, or follow the framework itself. */
const FREE_PARAMS = new Set(['momentum', 'variance']);
/** Tensors whose absence equals a constant: a missing bias adds 0, a missing scale multiplies by 1. */
const NEUTRAL: Readonly<Record<string, number>> = { bias: 0, scale: 1 };

/** The weight-bearing layers of a tree in declaration order, with their paths. */
export function weightLayers(node: IRNode, path = ''): Leaf[] {
  const { children, layers } = node as { children?: ModuleChild[]; layers?: IRNode[] };
  if (node.kind === 'module' && Array.isArray(children)) {
    return children.flatMap((c) => ('items' in c ? c.items : [c.node]).flatMap((n, i) => weightLayers(n, childPath(path, c, i))));
  }
  if (node.kind === 'sequential' && Array.isArray(layers)) return layers.flatMap((n, i) => weightLayers(n, joinPath(path, `layers/${i}`)));
  return STATELESS.has(node.kind) ? [] : [{ path, node }];
}

const show = (path: string): string => path || '(root)';
const shapeOf = (t: Tensor | undefined): string => (t ? `[${t.shape.join(', ')}]` : 'none');
const tensorsOf = (n: IRNode): Record<string, Tensor> => n.tensors as Record<string, Tensor>;

function sameValues(a: Tensor, b: Tensor): boolean {
  const x = a.toFloat64();
  const y = b.toFloat64();
  return x.every((v, i) => v === y[i] || (Number.isNaN(v) && Number.isNaN(y[i]!)));
}

function isConstant(t: Tensor, value: number): boolean {
  return t.toFloat64().every((v) => v === value);
}

/** The shapes, presence and dtypes that differ between a source and a template layer. */
function tensorDiffs(src: IRNode, tpl: IRNode): string[] {
  const a = tensorsOf(src);
  const b = tensorsOf(tpl);
  const diffs: string[] = [];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const s = a[name];
    const t = b[name];
    if (s && t && s.shape.join() !== t.shape.join()) diffs.push(`${name} ${shapeOf(s)} vs ${shapeOf(t)}`);
    else if (s && !t && !(name in NEUTRAL && isConstant(s, NEUTRAL[name]!))) diffs.push(`${name} in the source only`);
    else if (!s && t && !(name in NEUTRAL)) diffs.push(`${name} in the template only`);
    else if (s && t && s.dtype !== t.dtype && !sameValues(s.astype(t.dtype).astype(s.dtype), s)) {
      diffs.push(`${name} ${s.dtype} does not fit ${t.dtype} exactly`);
    }
  }
  return diffs;
}

function convPadding(ir: ConvIR): unknown {
  const p = ir.params;
  const spatial = ir.inputShape?.slice(0, -1) ?? (p.strides.every((s) => s === 1) ? p.kernelSize : undefined);
  if (spatial === undefined || p.padding === 'CAUSAL') return p.padding;
  return resolveConvPadding(p.padding, spatial, p.kernelSize, p.strides, p.kernelDilation);
}

/** Numbers as float32 holds them: `1e-5` read from a float32 file equals the `1e-5` of a spec. */
const float32 = (_key: string, v: unknown): unknown => (typeof v === 'number' ? Math.fround(v) : v);

/** Hyperparameters that change the computation and differ (`strides [2, 2] vs [1, 1]`). */
function paramDiffs(src: IRNode, tpl: IRNode): string[] {
  const a = src.params as Record<string, unknown>;
  const b = tpl.params as Record<string, unknown>;
  const diffs: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (FREE_PARAMS.has(key)) continue;
    const [x, y] = key === 'padding' && src.kind === 'conv' ? [convPadding(src as ConvIR), convPadding(tpl as ConvIR)] : [a[key], b[key]];
    if (JSON.stringify(x, float32) !== JSON.stringify(y, float32))
      diffs.push(`${key} ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])} in the template`);
  }
  return diffs;
}

/** The source layer with the template's tensor names and dtypes (and params when exact). */
function fill(src: IRNode, tpl: IRNode, exact: boolean): IRNode {
  const a = tensorsOf(src);
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensorsOf(tpl))) {
    const s = a[name] ?? Tensor.fromArray(new Array<number>(t.size).fill(NEUTRAL[name]!), t.shape, t.dtype);
    tensors[name] = s.dtype === t.dtype ? s : s.astype(t.dtype);
  }
  const inputShape = src.inputShape ?? tpl.inputShape;
  return {
    ...src,
    params: exact ? tpl.params : src.params,
    tensors,
    ...(inputShape ? { inputShape: [...inputShape] } : {}),
    ...(tpl.origin ? { origin: tpl.origin } : {}),
  } as IRNode;
}

function compileRenames(renames: FitTemplateOptions['renames'] = []): Array<(path: string) => string | undefined> {
  return renames.map(([pattern, replacement]) => {
    const once = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    return (path) => (once.test(path) ? path.replace(pattern, replacement) : undefined);
  });
}

/** Pairs source layers with template layers: renamed ones by path, the rest in order by kind and shape. */
function pairLayers(
  sources: Leaf[],
  templates: Leaf[],
  options: FitTemplateOptions,
): { pairs: Map<Leaf, { leaf: Leaf; renamed: boolean }>; problems: string[] } {
  const problems: string[] = [];
  const pairs = new Map<Leaf, { leaf: Leaf; renamed: boolean }>();
  const taken = new Set<Leaf>();
  const byPath = new Map(templates.map((t) => [t.path, t]));
  const renames = compileRenames(options.renames);
  const left: Leaf[] = [];
  for (const s of sources) {
    let path: string | undefined;
    for (const rename of renames) path = rename(path ?? s.path) ?? path;
    if (path === undefined) {
      left.push(s);
      continue;
    }
    const t = byPath.get(path);
    if (!t) problems.push(`${show(s.path)} -> ${show(path)} (renamed): the template has no layer ${show(path)}`);
    else if (taken.has(t)) problems.push(`${show(s.path)} -> ${show(path)} (renamed): another source layer is already renamed to it`);
    else {
      taken.add(t);
      pairs.set(t, { leaf: s, renamed: true });
    }
  }
  const unfit: Leaf[] = [];
  for (const t of templates) {
    if (taken.has(t)) continue;
    const fits = left.find((s) => s.node.kind === t.node.kind && tensorDiffs(s.node, t.node).length === 0);
    if (fits) {
      left.splice(left.indexOf(fits), 1);
      pairs.set(t, { leaf: fits, renamed: false });
    } else unfit.push(t);
  }
  // What did not fit is shown against the layer the order would have given it.
  for (const t of unfit) {
    const tried = left.find((s) => s.node.kind === t.node.kind);
    if (tried) {
      left.splice(left.indexOf(tried), 1);
      problems.push(`${show(tried.path)} -> ${show(t.path)} (${t.node.kind}): ${tensorDiffs(tried.node, t.node).join(', ')}`);
    } else {
      problems.push(`(none) -> ${show(t.path)} (${t.node.kind}): no ${t.node.kind} layer of the source is left for it`);
    }
  }
  for (const s of left)
    problems.push(
      `${show(s.path)} (${s.node.kind}, ${Object.entries(tensorsOf(s.node))
        .map(([n, t]) => `${n} ${shapeOf(t)}`)
        .join(', ')}) -> (none): no template layer is left for it`,
    );
  return { pairs, problems };
}

function rebuild(node: IRNode, path: string, filled: ReadonlyMap<string, IRNode>): IRNode {
  const { children, layers } = node as { children?: ModuleChild[]; layers?: IRNode[] };
  if (node.kind === 'module' && Array.isArray(children)) {
    const next = children.map(
      (c): ModuleChild =>
        'items' in c
          ? { name: c.name, items: c.items.map((n, i) => rebuild(n, childPath(path, c, i), filled)) }
          : { name: c.name, node: rebuild(c.node, childPath(path, c, 0), filled) },
    );
    return { ...(node as ModuleIR), children: next } as IRNode;
  }
  if (node.kind === 'sequential' && Array.isArray(layers))
    return { ...node, layers: layers.map((n, i) => rebuild(n, joinPath(path, `layers/${i}`), filled)) } as IRNode;
  return filled.get(path) ?? node;
}

/**
 * Fills a template (the IR of the user's freshly initialised target model) with the weights of
 * `source`: weight-bearing layers are paired in declaration order by kind and tensor shapes
 * (stateless layers and ops carry nothing and are skipped), or by name through `renames`.
 * The result has the template's structure, names, tensor names and dtypes (a cast only where it
 * is exact; a missing bias or scale is filled with 0 or 1) and the source's computation; a
 * module template without a forward program gets the source's, renamed, where its structure
 * allows.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH listing every pair tried and where it differs.
 * @example
 * ```ts
 * const { ir, pairs } = fitToTemplate(registry.toIR(linenCnn, 'linen'), registry.toIR(nnxTemplate, 'nnx'));
 * pairs.map((p) => `${p.source} -> ${p.template}`); // ['Conv_0 -> conv1', 'Conv_1 -> conv2', ...]
 * const model = registry.fromIR(ir, 'nnx');
 * ```
 */
export function fitToTemplate(source: IRNode, template: IRNode, options: FitTemplateOptions = {}): FittedTemplate {
  const templates = weightLayers(template);
  const { pairs, problems } = pairLayers(weightLayers(source), templates, options);
  const exact = options.exactParams === true;
  for (const [t, { leaf: s }] of pairs) {
    const diffs = [...tensorDiffs(s.node, t.node), ...(exact ? paramDiffs(s.node, t.node) : [])];
    if (diffs.length > 0) problems.push(`${show(s.path)} -> ${show(t.path)} (${t.node.kind}): ${diffs.join(', ')}`);
  }
  const list = templates
    .filter((t) => pairs.has(t))
    .map((t) => ({ source: pairs.get(t)!.leaf.path, template: t.path, kind: t.node.kind, renamed: pairs.get(t)!.renamed }));
  if (problems.length > 0) {
    throw new InteropError(
      'E_SHAPE_MISMATCH',
      `The template does not fit the source: ${problems.length} mismatch${problems.length === 1 ? '' : 'es'} (source -> template: how they differ, the source's first): ${problems.join('; ')}`,
      {
        expected: `the template's ${templates.length} weight layers`,
        found:
          list.length > 0
            ? `pairs that fit: ${list.map((p) => `${show(p.source)} -> ${show(p.template)}`).join(', ')}`
            : 'no pair that fits',
        fix: "Check that the template is the source's architecture, freshly initialised in the target framework, with the same hyperparameters (strides, padding, epsilon); pair layers by name with renames (--rename 'REGEX=REPLACEMENT')",
      },
    );
  }
  const filled = new Map([...pairs].map(([t, { leaf: s }]) => [t.path, fill(s.node, t.node, exact)]));
  let ir = rebuild(template, '', filled);
  const inputShape = source.inputShape ?? template.inputShape;
  if (inputShape) ir = { ...ir, inputShape: [...inputShape] } as IRNode;
  if (ir.kind === 'module' && !(ir as ModuleIR).forward) {
    const renamed = new Map(list.map((p) => [p.source, p.template]));
    ir = translateForward(source, ir as ModuleIR, renamed) ?? ir;
  }
  return { ir, pairs: list };
}
