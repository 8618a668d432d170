import { InteropError, Tensor } from '@interop/core';
import { Dense, ReLU, Stack } from './model.js';
import type { ToyLayer } from './model.js';

/** A toy architecture: `{"type": "Dense", "in": 4, "out": 8}`, `{"type": "ReLU"}` or a `Stack` of them. */
export type ToySpec = { type: 'Dense'; in: number; out: number } | { type: 'ReLU' } | { type: 'Stack'; layers: ToySpec[] };

const EXAMPLE =
  '{"type": "Stack", "layers": [{"type": "Dense", "in": 4, "out": 8}, {"type": "ReLU"}, {"type": "Dense", "in": 8, "out": 2}]}';

function bad(spec: unknown, at: string): InteropError {
  return new InteropError('E_INVALID_SPEC', `${at}: not a toy layer spec`, {
    found: JSON.stringify(spec)?.slice(0, 120),
    fix: `Write a spec such as ${EXAMPLE}`,
  });
}

/**
 * The model a spec describes, its Dense layers zero-initialised.
 *
 * @throws {InteropError} E_INVALID_SPEC naming the first layer it cannot read.
 * @example
 * ```ts
 * modelFromSpec({ type: 'Stack', layers: [{ type: 'Dense', in: 4, out: 8 }, { type: 'ReLU' }] });
 * ```
 */
export function modelFromSpec(spec: unknown, at = '(root)'): ToyLayer {
  const s = (spec ?? {}) as Partial<Record<string, unknown>>;
  if (s.type === 'ReLU') return new ReLU();
  if (s.type === 'Dense' && Number.isInteger(s.in) && Number.isInteger(s.out)) {
    const [inF, outF] = [s.in as number, s.out as number];
    return new Dense(Tensor.zeros([outF, inF], 'float32'), Tensor.zeros([outF], 'float32'));
  }
  if (s.type === 'Stack' && Array.isArray(s.layers)) return new Stack(...s.layers.map((l, i) => modelFromSpec(l, `layers/${i}`)));
  throw bad(spec, at);
}

/**
 * The spec of a model.
 *
 * @example
 * ```ts
 * modelToSpec(new ReLU()); // { type: 'ReLU' }
 * ```
 */
export function modelToSpec(model: ToyLayer): ToySpec {
  if (model instanceof Stack) return { type: 'Stack', layers: model.layers.map(modelToSpec) };
  if (model instanceof Dense) return { type: 'Dense', in: model.inFeatures, out: model.outFeatures };
  return { type: 'ReLU' };
}

/** A spec example for messages. */
export const SPEC_EXAMPLE = EXAMPLE;
