import { Module } from './module.js';

function visit(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(visit);
    return items.every((v, i) => v === value[i]) ? value : items;
  }
  if (!(value instanceof Module)) return value;
  const patch: Record<string, unknown> = {};
  for (const [name, prop] of value.treeFields()) {
    const old = value.fieldValue(prop);
    const now = name === 'inference' && typeof old === 'boolean' ? true : visit(old);
    if (now !== old) patch[prop] = now;
  }
  return Object.keys(patch).length ? value.replace(patch) : value;
}

/**
 * `eqx.nn.inference_mode(model)`: the model with every `inference` field set to true (Dropout
 * becomes the identity, BatchNorm uses its running statistics), in nested trees, lists and
 * Sequentials too; the State stays valid (its indices are kept).
 *
 * @example
 * ```ts
 * const evalModel = inferenceMode(model);
 * const [ys] = vmapCall(evalModel, xs, state) as [Tensor, State];
 * ```
 */
export function inferenceMode<T extends Module>(model: T): T {
  return visit(model) as T;
}
