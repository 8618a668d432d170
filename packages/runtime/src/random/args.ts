/**
 * Reads Python-style arguments: positional values in `names` order, then an optional trailing
 * plain object of keyword arguments (keywords win over positions).
 *
 * @example
 * ```ts
 * readArgs<{ dtype?: string; minval?: number }>(['float16', { minval: -1 }], ['dtype', 'minval']);
 * // { dtype: 'float16', minval: -1 }
 * ```
 */
export function readArgs<T extends object>(args: readonly unknown[], names: readonly (keyof T)[]): T {
  const out: Record<string, unknown> = {};
  let positional = args;
  const last = args[args.length - 1];
  const isOptions = typeof last === 'object' && last !== null && !Array.isArray(last) && !ArrayBuffer.isView(last);
  if (isOptions) positional = args.slice(0, -1);
  positional.forEach((value, i) => {
    const name = names[i];
    if (name !== undefined && value !== undefined) out[name as string] = value;
  });
  if (isOptions) {
    for (const [k, v] of Object.entries(last as object)) if (v !== undefined) out[k] = v;
  }
  return out as T;
}
