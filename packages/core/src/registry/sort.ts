/**
 * Orders strings by Unicode code point, as Python sorts `str` (uppercase before lowercase:
 * `LSTMCell` < `LayerNorm` < `Linear`). JavaScript's default sort compares UTF-16 code units,
 * which differs only for characters outside the Basic Multilingual Plane.
 *
 * @example
 * ```ts
 * ['Linear', 'LayerNorm', 'LSTMCell'].sort(compareCodePoints); // ['LSTMCell', 'LayerNorm', 'Linear']
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
