import { createConversionContext, irFromJSON, irToJSON, isInteropError } from '@interop/core';
import type { IRNode, LayerMapping, Tensor } from '@interop/core';
import { collectTensors } from './collect-tensors.js';
import { bitDifference, closeDifference } from './compare.js';
import type { InvalidCase, MappingTesterOptions, ValidCase } from './types.js';

const DEFAULT_TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

function shapeOf(sample: ValidCase<unknown>['sampleInput']): number[] | undefined {
  if (sample === undefined) return undefined;
  return [...(Array.isArray(sample) ? sample : (sample as { shape: readonly number[] }).shape)];
}

function context(
  mapping: LayerMapping,
  direction: 'toIR' | 'fromIR',
  c: { sampleInput?: ValidCase<unknown>['sampleInput']; options?: ValidCase<unknown>['options'] },
) {
  return createConversionContext({
    framework: mapping.meta.framework,
    direction,
    inputShape: shapeOf(c.sampleInput),
    options: c.options ?? {},
  });
}

function compareParams(before: Map<string, Tensor>, after: Map<string, Tensor>, what: string): void {
  const lost = [...before.keys()].filter((k) => !after.has(k));
  const gained = [...after.keys()].filter((k) => !before.has(k));
  if (lost.length > 0 || gained.length > 0) {
    throw new Error(`${what}: parameters differ (lost: ${lost.join(', ') || 'none'}; gained: ${gained.join(', ') || 'none'})`);
  }
  for (const [name, tensor] of before) {
    const why = bitDifference(tensor, after.get(name)!);
    if (why) throw new Error(`${what}: parameter "${name}" is not bit-identical: ${why}`);
  }
}

/** JSON with object keys sorted, so params built in a different key order still compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function compareIR(a: IRNode, b: IRNode, what: string): void {
  const pa = canonical(a.params);
  const pb = canonical(b.params);
  if (a.kind !== b.kind || pa !== pb) throw new Error(`${what}: ${a.kind} ${pa} came back as ${b.kind} ${pb}`);
  compareParams(collectTensors(a.tensors), collectTensors(b.tensors), `${what} (IR tensors)`);
}

/**
 * Checks one valid case: the mapping reads the layer into IR of its kind, accepts that IR, builds
 * a layer whose parameters are bit-identical, reads that back into identical IR (which also
 * survives IR JSON), and, with `runLayer` and an `input`, both layers compute the same outputs.
 *
 * @throws {Error} describing the first difference found.
 * @example
 * ```ts
 * await checkValidCase(linear, { layer: new Linear(kernel, bias) });
 * ```
 */
export async function checkValidCase<TNode>(
  mapping: LayerMapping<TNode>,
  c: ValidCase<TNode>,
  options: MappingTesterOptions = {},
): Promise<void> {
  const m = mapping as LayerMapping;
  const ir = m.toIR(c.layer, context(m, 'toIR', c));
  if (ir.kind !== m.meta.ir) throw new Error(`toIR returned kind "${ir.kind}", but meta.ir is "${m.meta.ir}"`);
  if (m.accepts && !m.accepts(ir)) throw new Error('accepts() refuses the IR that toIR produced');
  compareIR(ir, irFromJSON(JSON.parse(JSON.stringify(irToJSON(ir)))), 'IR JSON round trip');
  const rebuilt = m.fromIR(ir, context(m, 'fromIR', c));
  const params = (options.params ?? collectTensors) as (layer: unknown) => Map<string, Tensor>;
  compareParams(params(c.layer), params(rebuilt), 'layer → IR → layer');
  compareIR(ir, m.toIR(rebuilt, context(m, 'toIR', c)), 'IR → layer → IR');
  if (options.runLayer && c.input) {
    const run = options.runLayer as (layer: unknown, input: Tensor) => Tensor | Promise<Tensor>;
    const tol = { ...DEFAULT_TOLERANCE, ...options.tolerance };
    const why = closeDifference(await run(rebuilt, c.input), await run(c.layer, c.input), tol);
    if (why) throw new Error(`outputs before and after the round trip differ: ${why}`);
  }
}

/**
 * Checks one invalid case: reading the layer (and building it back), or building the given IR,
 * must throw an InteropError with the expected code.
 *
 * @throws {Error} when nothing is thrown, or something else is.
 * @example
 * ```ts
 * checkInvalidCase(gru, { name: 'hidden bias', ir: gruWithHiddenBias, error: 'E_CONVERSION' });
 * ```
 */
export function checkInvalidCase<TNode>(mapping: LayerMapping<TNode>, c: InvalidCase<TNode>): void {
  const m = mapping as LayerMapping;
  if ((c.layer === undefined) === (c.ir === undefined)) throw new Error(`invalid case "${c.name}" needs exactly one of layer or ir`);
  try {
    if (c.ir !== undefined) m.fromIR(c.ir, context(m, 'fromIR', c));
    else m.fromIR(m.toIR(c.layer, context(m, 'toIR', c)), context(m, 'fromIR', c));
  } catch (error) {
    if (isInteropError(error, c.error)) return;
    const got = isInteropError(error)
      ? `InteropError ${error.code}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    throw new Error(`expected InteropError ${c.error}, got ${got}`, { cause: error });
  }
  throw new Error(`expected InteropError ${c.error}, but the conversion succeeded`);
}
