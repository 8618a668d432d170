import { Tensor } from '@interop/core';

/**
 * Every Tensor reachable from a framework layer through its own enumerable properties, arrays
 * and nested objects, keyed by path (`kernel`, `variables/params/bias`). This is how the tester
 * reads "the parameters" of a layer from any framework without knowing it.
 *
 * @example
 * ```ts
 * collectTensors({ kernel: k, sub: { bias: b } }); // Map { 'kernel' => k, 'sub/bias' => b }
 * ```
 */
export function collectTensors(value: unknown, maxDepth = 8): Map<string, Tensor> {
  const found = new Map<string, Tensor>();
  const seen = new Set<object>();
  const visit = (v: unknown, path: string, depth: number): void => {
    if (v instanceof Tensor) {
      found.set(path, v);
      return;
    }
    if (typeof v !== 'object' || v === null || depth > maxDepth || seen.has(v) || ArrayBuffer.isView(v)) return;
    seen.add(v);
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    for (const [key, child] of entries) visit(child, path === '' ? String(key) : `${path}/${String(key)}`, depth + 1);
  };
  visit(value, '', 0);
  return found;
}
