/** What {@link layerListProblems} compares: a plugin's lists of the layers it supports. */
export interface LayerList {
  /** The mapping index, by class name. */
  mappings: Readonly<Record<string, { readonly meta: { readonly layer: string; readonly ir: string }; readonly layerType: unknown }>>;
  /** The spec table, by class name. */
  specs: Readonly<Record<string, { readonly layerType: unknown }>>;
  /** The README, whose `## Supported layers` table has one `| Layer ... | ir-kind |` row per mapping. */
  readme: string;
  /** The file names in the mappings folder. */
  files: readonly string[];
}

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

function readmeRows(readme: string): string[] {
  const table = readme.split('## Supported layers')[1]?.split('##')[0] ?? '';
  return [...table.matchAll(/^\| ([A-Za-z]+)[^|]* \| ([a-z-]+) \|$/gm)].map((m) => `${m[1]} → ${m[2]}`);
}

/**
 * Everything that keeps a plugin's layer lists from naming the same layers, each with its fix:
 * every mapping needs a spec entry for the same class, its file and a test beside it
 * (`mappings/gru-cell.ts`, `mappings/gru-cell.test.ts`), and a README row with its IR kind, in
 * the index's order; and nothing may be listed that has no mapping. Empty when complete.
 *
 * @example
 * ```ts
 * expect(layerListProblems({ mappings, specs, readme, files: readdirSync(mappingsDir) })).toEqual([]);
 * ```
 */
export function layerListProblems(list: LayerList): string[] {
  const { mappings, specs, readme, files } = list;
  const problems: string[] = [];
  for (const [name, mapping] of Object.entries(mappings)) {
    const file = kebab(name);
    if (mapping.meta.layer !== name) problems.push(`mapping ${name} says meta.layer '${mapping.meta.layer}': make them the same`);
    if (!specs[name])
      problems.push(
        `mapping ${name} has no spec entry: add one beside it in mappings/${file}.ts and to the spec table in mappings/index.ts`,
      );
    else if (specs[name]!.layerType !== mapping.layerType)
      problems.push(`spec entry ${name} writes another class than mapping ${name}: give both the same layerType`);
    if (!files.includes(`${file}.ts`)) problems.push(`mapping ${name} is not in mappings/${file}.ts: move it there`);
    if (!files.includes(`${file}.test.ts`)) problems.push(`mapping ${name} has no test: add mappings/${file}.test.ts`);
  }
  for (const name of Object.keys(specs)) {
    if (!mappings[name]) problems.push(`spec entry ${name} has no mapping: add mappings/${kebab(name)}.ts, or remove the entry`);
  }
  const rows = readmeRows(readme);
  const wanted = Object.values(mappings).map((m) => `${m.meta.layer} → ${m.meta.ir}`);
  if (JSON.stringify(rows) !== JSON.stringify(wanted)) {
    problems.push(
      `the README's Supported layers rows (${rows.join(', ') || 'none'}) are not the mappings in index order (${wanted.join(', ')}): make them one row each, '| Layer | ir-kind |'`,
    );
  }
  return problems;
}
