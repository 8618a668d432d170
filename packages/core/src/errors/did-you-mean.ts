/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 1; j <= y.length; j++) d[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/** Whether the letters of `short` appear in `long` in order (`eqx` in `equinox`), ignoring case. */
function within(short: string, long: string): boolean {
  const s = short.toLowerCase();
  let i = 0;
  for (const c of long.toLowerCase()) if (c === s[i]) i++;
  return i === s.length;
}

/**
 * The names in `known` that `name` may have meant, closest first (at most three): the same name in
 * another case, one a few edits away (a third of its length, at least one), or one holding the
 * other's letters in order (`brain` → `brainstate`, `Conv2D` → `Conv`). Empty when none is close.
 *
 * @example
 * ```ts
 * closestNames('dense', ['Conv', 'Dense', 'Embed']); // ['Dense']
 * closestNames('torch', ['nnx', 'linen']); // []
 * ```
 */
export function closestNames(name: string, known: readonly string[]): string[] {
  if (name.length === 0) return [];
  const limit = Math.max(1, Math.floor(name.length / 3));
  const scored: Array<[string, number]> = [];
  for (const k of known) {
    const edits = distance(name, k);
    const nested = name.length >= 2 && k.length >= 2 && (within(name, k) || within(k, name));
    // A nested name ranks after every near miss, the closer in length the earlier.
    if (edits <= limit) scored.push([k, edits]);
    else if (nested) scored.push([k, limit + 1 + Math.abs(k.length - name.length) / 1000]);
  }
  return scored
    .sort((a, b) => a[1] - b[1])
    .slice(0, 3)
    .map(([k]) => k);
}

/**
 * The "did you mean" tail of a message: `; did you mean "Dense"` (or `"a" or "b"`), nothing when
 * `meant` is empty.
 *
 * @example
 * ```ts
 * `unknown type 'dense'${didYouMean(closestNames('dense', types))}`; // unknown type 'dense'; did you mean "Dense"
 * ```
 */
export function didYouMean(meant: readonly string[]): string {
  return meant.length > 0 ? `; did you mean ${meant.map((m) => `"${m}"`).join(' or ')}` : '';
}
