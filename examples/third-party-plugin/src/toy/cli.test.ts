// The toy framework through the public `interop` CLI (`runCli` of @interop/all/cli), as a user runs
// it with this package installed: added with --plugin, or named in interop.config.json.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@interop/core';
import { runCli } from '@interop/all/cli';
import type { CliIO } from '@interop/all/cli';
import { describe, expect, it } from 'vitest';
import { toyFiles } from './files-part.js';
import { Dense, ReLU, Stack } from './model.js';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const project = join(pkg, 'cli-project');
const dir = mkdtempSync(join(tmpdir(), 'interop-toy-cli-'));
const plugin = ['--plugin', 'interop-plugin-scale'];

async function run(argv: string[], cwd = pkg): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await runCli(argv, io, { cwd });
  return { code, out, err };
}

const t = (values: number[], shape: number[]) => Tensor.fromArray(values, shape, 'float32');
const model = new Stack(
  new Dense(t([0.5, -1, 0.25, 2, 1.5, -0.5, 0, 1, -2, 0.75, 1, -1], [3, 4]), t([0.1, -0.2, 0.3], [3])),
  new ReLU(),
  new Dense(t([1, -1, 0.5, 2, 0.25, -0.75], [2, 3]), t([0.05, -0.05], [2])),
);
const source = join(dir, 'mlp.toy.json');
const written = toyFiles.write(model, 'toy');
writeFileSync(source, written.bytes);
writeFileSync(`${source}.arch.json`, JSON.stringify(written.spec));

describe('the toy framework in the interop CLI', () => {
  it('is listed by interop layers with --plugin, and not without it', async () => {
    const listed = await run(['layers', ...plugin]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContainEqual(expect.stringMatching(/^toy +: .*Linear/));
    const plain = await run(['layers']);
    expect(plain.out.some((l) => l.startsWith('toy'))).toBe(false);
    const help = await run(['--help', ...plugin]);
    expect(help.out.join('\n')).toMatch(/frameworks: brainstate, nnx, linen, equinox, toy/);
    expect(help.out.join('\n')).toMatch(/msgpack \| safetensors \| orbax \| eqx \| toy/);
  });

  it('converts to Linen and back with --plugin, verified both ways, the toy file byte-identical', async () => {
    const linen = join(dir, 'mlp.msgpack');
    const back = join(dir, 'mlp.back.toy.json');
    const there = await run([
      'convert',
      source,
      '--from',
      'toy',
      '--to',
      'linen',
      '--out',
      linen,
      '--arch',
      `${source}.arch.json`,
      '--verify',
      ...plugin,
    ]);
    expect(there.err).toEqual([]);
    expect(there.out[0]).toBe(`read    ${source} (toy, toy)`);
    expect(there.out.join('\n')).toMatch(/outputs match/);
    const home = await run([
      'convert',
      linen,
      '--from',
      'linen',
      '--to',
      'toy',
      '--out',
      back,
      '--arch',
      `${linen}.arch.json`,
      '--verify',
      ...plugin,
    ]);
    expect(home.err).toEqual([]);
    expect(home.out).toContain(`wrote   ${back} (toy, toy, ${written.bytes.length} bytes)`);
    expect(home.out.join('\n')).toMatch(/outputs match/);
    expect(readFileSync(back)).toEqual(Buffer.from(written.bytes));
    expect(JSON.parse(readFileSync(`${back}.arch.json`, 'utf8'))).toEqual(written.spec);
  });

  it('verifies a toy file against the Linen file it became, with the plugin named in interop.config.json', async () => {
    const linen = join(dir, 'verify.msgpack');
    expect(
      (await run(['convert', source, '--from', 'toy', '--to', 'linen', '--out', linen, '--arch', `${source}.arch.json`], project)).code,
    ).toBe(0);
    const verified = await run(['verify', source, linen, '--from', 'toy', '--to', 'linen', '--json'], project);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out[0]!)).toMatchObject({ ok: true, verify: { pass: true } });
    const inspected = await run(['inspect', source], project);
    expect(inspected.out).toContain('format:     toy JSON tensors');
  });

  it('refuses a file of another format for --from toy, and --from toy without the plugin', async () => {
    const linen = join(dir, 'mlp.msgpack');
    const wrong = await run(['convert', linen, '--from', 'toy', '--to', 'linen', '--out', join(dir, 'x.msgpack'), ...plugin]);
    expect(wrong.code).toBe(2);
    expect(wrong.err[0]).toMatch(
      /^interop: E_FORMAT_MISMATCH: .* is a msgpack file, but toy checkpoints are toy .*looks like one of brainstate, nnx or linen/,
    );
    const unknown = await run(['convert', source, '--from', 'toy', '--to', 'linen', '--out', join(dir, 'y.msgpack')]);
    expect(unknown.err[0]).toMatch(/^interop: E_INVALID_ARGUMENT: --from "toy" is not a framework interop knows/);
  });
});
