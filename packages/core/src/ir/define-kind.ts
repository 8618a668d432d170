import { assertNoProblems } from '../registry/validate.js';
import type { IRNode } from '../registry/types.js';
import type { Shape, Tensor } from '../tensor/tensor.js';
import type { IRNodeBase } from './kinds.js';
import type { ParamSchema, ParamsOf } from './param-checks.js';
import { kindProblems } from './kind-problems.js';

/** A kind's tensors: each tensor's name and whether every node of the kind must hold it. */
export type TensorSchema = Readonly<Record<string, 'required' | 'optional'>>;

/** The node type of a kind `K` with param schema `S` and tensor schema `T`. */
export type KindNode<K extends string, S, T> = IRNodeBase<K, ParamsOf<S>, keyof T & string>;

/** The output shape of a node nested in another (a stack's layer, a module's child), by the same kinds. */
export type NestedShape = (node: IRNode, inputShape: Shape) => number[];

/**
 * Everything the house knows about one IR kind, in one value: its params (JSON checks), its
 * tensors, its output-shape rules, whether a forward program may apply it as a function, and a
 * plain forward. Built with {@link defineKind}; the built-in kinds are definitions too
 * ({@link BUILTIN_KINDS}). A plugin registers its own with its `kinds` part.
 *
 * @example
 * ```ts
 * const def: KindDefinition<'scale', { features: 'int' }, { scale: 'required' }> = scaleKind;
 * ```
 */
export interface KindDefinition<K extends string = string, S extends ParamSchema = ParamSchema, T extends TensorSchema = TensorSchema> {
  /** The kind's name, kebab-case (`'linear'`, `'scale'`). */
  readonly kind: K;
  /** One sentence for docs and listings. */
  readonly description: string;
  /** Each param and its check; `irFromJSON` refuses a node whose params fail them. */
  readonly params: S;
  /** Each tensor name and whether it is required; `irFromJSON` refuses other names and missing required ones. */
  readonly tensors: T;
  /**
   * True for a kind that holds no tensors and may be applied as a function in a module's forward
   * program (`{ op: node }`). @default false
   */
  readonly stateless?: boolean;
  /**
   * The unbatched channels-last output shape for a known input shape; throws `E_SHAPE_MISMATCH`
   * when the input does not fit. `shapeOf` gives nested nodes' shapes (for containers). Without
   * it, shapes do not flow past the kind.
   */
  outputShape?(ir: KindNode<K, S, T>, inputShape: Shape, shapeOf: NestedShape): number[];
  /**
   * The output shape when the input shape is unknown, for kinds that fix it anyway (a linear
   * layer gives `[outFeatures]`, as the Python anchor assumes); `undefined` leaves it unknown.
   */
  outputShapeWithoutInput?(ir: KindNode<K, S, T>): number[] | undefined;
  /**
   * A plain forward pass on a batched channels-last float tensor `[batch, ...inputShape]`,
   * returning `[batch, ...outputShape]`. The runtime calls it for a kind it has no kernel of its
   * own for, so `verify` can run the kind.
   */
  run?(ir: KindNode<K, S, T>, x: Tensor): Tensor;
}

/** A kind definition of any kind, as registries and option bags hold them. */
export type AnyKindDefinition = KindDefinition<string, ParamSchema, TensorSchema>;

/** Kind definitions by kind name, as a plugin's `kinds` part and `registry.kinds()` give them. */
export type KindTable = Readonly<Record<string, AnyKindDefinition>>;

/**
 * The IR node type of a kind definition, for a plugin's `IRKinds` augmentation:
 * `interface IRKinds { scale: IRNodeOf<typeof scaleKind> }`.
 */
export type IRNodeOf<D> = D extends { readonly kind: infer K extends string; readonly params: infer S; readonly tensors: infer T }
  ? KindNode<K, S, T>
  : never;

/**
 * Declares an IR kind: its params and their JSON checks, its tensors, its output-shape rules, and
 * optionally whether it is a stateless op and a plain forward (`run`) for the runtime. Returns the
 * definition unchanged after checking it, with its types inferred, so the node type is
 * `IRNodeOf<typeof def>`. Nothing is registered: put it in a plugin's `kinds`.
 *
 * @throws {InteropError} E_INVALID_PLUGIN listing every malformed field.
 * @example
 * ```ts
 * export const scaleKind = defineKind({
 *   kind: 'scale',
 *   description: 'Multiplies each feature by its gain',
 *   params: { features: 'int' },
 *   tensors: { scale: 'required' },
 *   outputShape: (_ir, input) => [...input],
 *   run: (ir, x) => applyScale(x, ir.tensors.scale!),
 * });
 * ```
 */
export function defineKind<const K extends string, const S extends ParamSchema, const T extends TensorSchema>(
  definition: KindDefinition<K, S, T>,
): KindDefinition<K, S, T> {
  assertNoProblems(
    kindProblems(definition),
    `Kind "${String(definition?.kind)}"`,
    undefined,
    'Build it with defineKind() and fill in the listed fields',
  );
  return definition;
}
