// docs/tutorials/newcomer-tasks.md, run as written: each ts block after `<!-- tutorial: NAME -->`
// with its import dropped (the names it imports passed in, `interop` a fresh default one per block),
// its quoted file names put in a temp dir, and every `EXPR; // true` line checked.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import * as all from '../index.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/');
const page = readFileSync(`${docs}tutorials/newcomer-tasks.md`, 'utf8');

/** The body of the fenced block after `<!-- tutorial: name -->`. */
function block(name: string, lang = 'ts'): string {
  const match = new RegExp(`<!-- tutorial: ${name} -->\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(page);
  if (!match) throw new Error(`docs/tutorials/newcomer-tasks.md has no ${lang} block '${name}'`);
  return match[1]!;
}

type Checks = Array<[string, unknown]>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<Record<string, unknown>>;

/** Runs block `name` with `dir` for its files; returns the `// true` checks and the variables asked for. */
async function run(name: string, dir: string, returns: string[] = []): Promise<{ checks: Checks; values: Record<string, unknown> }> {
  const source = block(name);
  const imported = /^import \{ ([^}]+) \} from '@interop\/all';$/m.exec(source)![1]!.split(', ');
  const body = source
    .replace(/^import .* from '@interop\/all';$/m, '')
    .replace(/'([\w.-]+\.(?:msgpack|eqx|json))'/g, (_, file: string) => JSON.stringify(join(dir, file)))
    .replace(/^(.*); \/\/ true$/gm, (_, expr: string) => `__checks.push([${JSON.stringify(expr)}, ${expr}]);`);
  const bindings: Record<string, unknown> = { ...all, interop: all.defaultInterop() };
  const checks: Checks = [];
  const fn = new AsyncFunction('__checks', ...imported, `${body}\nreturn { ${returns.join(', ')} };`);
  const values = await fn(checks, ...imported.map((n) => bindings[n]));
  return { checks, values };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'interop-tutorial-'));

describe('docs/tutorials/newcomer-tasks.md', () => {
  it('1. an NNX model built in TypeScript computes the same in Equinox and Linen', async () => {
    const { checks } = await run('nnx-model', tempDir());
    expect(checks.length).toBe(2);
    for (const [expr, value] of checks) expect(value, expr).toBe(true);
  });

  it('2. a Linen checkpoint Flax saved, loaded from a path and saved as .eqx, computes what Flax computed', async () => {
    const fixture = loadFixture('trees_linen', 'cnn');
    const dir = tempDir();
    copyFileSync(join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!), join(dir, 'cnn.msgpack'));
    writeFileSync(join(dir, 'cnn.msgpack.arch.json'), JSON.stringify(fixture.manifest.spec));
    const { checks } = await run('linen-checkpoint', dir);
    for (const [expr, value] of checks) expect(value, expr).toBe(true);

    const files = all.interop.files('equinox');
    const spec = JSON.parse(readFileSync(join(dir, 'cnn.eqx.arch.json'), 'utf8'));
    const { model } = files.read(new Uint8Array(readFileSync(join(dir, 'cnn.eqx'))), 'eqx', spec);
    const y = files.forward(model, fixture.arrays.input!);
    expect(all.jnp.allclose(y as Tensor, fixture.arrays.output!, { atol: 1e-5, rtol: 1e-5 })).toBe(true);
    // The Python that loads it (run live by tooling/conformance/live/tutorial_eqx.py) names the file written here.
    expect(block('equinox-loads', 'python')).toContain('eqx.tree_deserialise_leaves("cnn.eqx", CNN(');
  });

  it('3. an Equinox layer of ours converts once its mapping is registered, as the authoring guide says', async () => {
    const { checks, values } = await run('equinox-mapping', tempDir(), ['mine']);
    expect(checks.length).toBe(2);
    for (const [expr, value] of checks) expect(value, expr).toBe(true);

    // Without the mapping the same model is refused.
    let code: string | undefined;
    try {
      all.defaultInterop().convert(values.mine as never, { from: 'equinox', to: 'nnx' });
    } catch (e) {
      code = (e as all.InteropError).code;
    }
    expect(code).toBe('E_UNMAPPED_LAYER');

    // The rules quoted are the authoring guide's, word for word.
    const guide = readFileSync(`${docs}authoring-plugins.md`, 'utf8').split('\n');
    const quoted = [...page.matchAll(/^> (\|.*\|)$/gm)].map((m) => m[1]!);
    expect(quoted.length).toBe(3);
    for (const row of quoted) expect(guide.map((l) => l.trim())).toContain(row);
  });
});
