// Plugins in the CLI: --plugin and interop.config.{mjs,json} in the working directory, each
// refusal one coded line. The toy framework in examples/third-party-plugin runs the whole path
// (convert, verify) through a real package.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const PLUGIN = `class PlainDense {}
export default {
  meta: { name: 'plain-plugin', version: '1.0.0', framework: 'plain' },
  adapter: { layerType: (m) => m.constructor, isSequential: () => false, children: () => [], hasChildModules: () => false, buildSequential: (c) => c[0] },
  mappings: {
    PlainDense: {
      meta: { framework: 'plain', layer: 'PlainDense', ir: 'linear', status: 'experimental', description: 'a dense layer' },
      layerType: PlainDense,
      toIR: () => ({}),
      fromIR: () => new PlainDense(),
    },
  },
};
`;

/** A project folder holding `files` (name → text). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'interop-plugins-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function run(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l) };
  return { code: await main(argv, io, { cwd }), out, err };
}

describe('plugins in the CLI', () => {
  it('--plugin adds a plugin by path; its framework is listed by interop layers and --help', async () => {
    const cwd = project({ 'plain-plugin.mjs': PLUGIN });
    const listed = await run(['layers', '--plugin', './plain-plugin.mjs'], cwd);
    expect(listed.err).toEqual([]);
    expect(listed.out).toContainEqual(expect.stringMatching(/^plain +: Linear$/));
    // Without a files part the framework converts in the API but has no files for convert.
    expect((await run(['--help', '--plugin', './plain-plugin.mjs'], cwd)).out.join('\n')).toMatch(
      /frameworks: brainstate, nnx, linen, equinox\n/,
    );
  });

  it('interop.config.json names plugins; one named again with --plugin is added once', async () => {
    const cwd = project({ 'plain-plugin.mjs': PLUGIN, 'interop.config.json': '{ "plugins": ["./plain-plugin.mjs"] }' });
    expect((await run(['layers', '--framework', 'plain'], cwd)).out).toEqual(['plain    : Linear']);
    expect((await run(['layers', '--framework', 'plain', '--plugin', './plain-plugin.mjs'], cwd)).out).toEqual(['plain    : Linear']);
  });

  it('interop.config.mjs may hold the plugin objects themselves', async () => {
    const cwd = project({
      'plain-plugin.mjs': PLUGIN,
      'interop.config.mjs': "import plain from './plain-plugin.mjs';\nexport default { plugins: [plain] };\n",
    });
    expect((await run(['layers', '--framework', 'plain'], cwd)).out).toEqual(['plain    : Linear']);
  });

  it('refuses, in one coded line each: a package not found, a module without a plugin, a bad config', async () => {
    const cases: Array<[Record<string, string>, string[], RegExp]> = [
      [
        {},
        ['--plugin', 'interop-plugin-nowhere'],
        /^interop: E_MISSING_PLUGIN: Cannot find the plugin "interop-plugin-nowhere" \(--plugin\) from .*npm install --save-dev interop-plugin-nowhere/,
      ],
      [{}, ['--plugin', './missing.mjs'], /^interop: E_MISSING_PLUGIN: Cannot find the plugin "\.\/missing\.mjs"/],
      [
        { 'empty.mjs': 'export const x = 1;\n' },
        ['--plugin', './empty.mjs'],
        /^interop: E_INVALID_PLUGIN: "\.\/empty\.mjs" \(--plugin\) exports no interop plugin/,
      ],
      [{ 'interop.config.json': '{ "plugins": [' }, [], /^interop: E_INVALID_ARGUMENT: interop\.config\.json is not valid JSON/],
      [
        { 'interop.config.json': '{ "plugin": ["x"] }' },
        [],
        /^interop: E_INVALID_ARGUMENT: interop\.config\.json has keys interop does not read: plugin/,
      ],
      [
        { 'interop.config.json': '{}', 'interop.config.mjs': 'export default {};\n' },
        [],
        /^interop: E_INVALID_ARGUMENT: .* has both interop\.config\.mjs and interop\.config\.json/,
      ],
    ];
    for (const [files, argv, message] of cases) {
      const result = await run(['layers', ...argv], project(files));
      expect(result.code, message.source).toBe(2);
      expect(result.err, message.source).toHaveLength(1);
      expect(result.err[0]).toMatch(message);
    }
  });

  it('a first-party framework stays the same with a plugin added', async () => {
    const cwd = project({ 'plain-plugin.mjs': PLUGIN });
    const plain = await run(['layers'], cwd);
    const more = await run(['layers', '--plugin', './plain-plugin.mjs'], cwd);
    expect(more.out.slice(0, plain.out.length)).toEqual(plain.out);
  });
});
