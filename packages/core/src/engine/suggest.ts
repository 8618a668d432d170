/** Levenshtein distance, case-insensitive (a layer named `Conv2D` should find `Conv2d`). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** The registered names close to `name` (at most a third of its length apart), nearest first. */
export function closeNames(name: string, known: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(name.length / 3));
  return known
    .map((k) => [k, distance(name, k)] as const)
    .filter(([k, d]) => d <= limit && k !== name)
    .sort((p, q) => p[1] - q[1])
    .slice(0, 3)
    .map(([k]) => k);
}
