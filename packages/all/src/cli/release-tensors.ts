import { Tensor } from '@interop/core';

/** Every tensor reachable from `roots` (through objects, arrays and maps), each once. */
export function tensorsIn(...roots: unknown[]): Tensor[] {
  const seen = new Set<unknown>();
  const out: Tensor[] = [];
  const stack = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Tensor) out.push(v);
    else if (v instanceof Map) stack.push(...v.values());
    else if (Array.isArray(v)) stack.push(...v);
    else stack.push(...Object.values(v));
  }
  return out;
}

/**
 * Runs `f`, then drops the values it made lazy tensors under `roots` compute, so that checking
 * one layer after another holds one layer's weights at a time, not the model's (the tensors
 * read again from their files when next needed, e.g. by the writer).
 */
export function releasingAfter<T>(roots: readonly unknown[], f: () => T): T {
  try {
    return f();
  } finally {
    for (const t of tensorsIn(...roots)) t.release();
  }
}
