import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mappings } from './mappings/index.js';

describe('README', () => {
  it('lists exactly the mapped layers with their IR kinds', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.split('## Supported layers')[1]!.split('##')[0]!;
    const rows = [...table.matchAll(/^\| ([A-Za-z0-9]+)[^|]* \| ([a-z-]+) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(
      Object.values(mappings)
        .filter((m) => m.meta.listed !== false)
        .map((m) => [m.meta.layer, m.meta.ir]),
    );
  });
});
