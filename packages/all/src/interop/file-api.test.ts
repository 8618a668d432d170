// interop.load / interop.save: paths, bytes and Blobs through the plugins' files parts, the spec
// from PATH.arch.json as the CLI reads it, and convert of a file agreeing with the CLI.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Tensor } from '@interop/core';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { defaultInterop } from '../default-interop.js';
import { jnp } from '../index.js';

const interop = defaultInterop();
const dir = mkdtempSync(join(tmpdir(), 'interop-file-api-'));
const fixture = loadFixture('layers_linen', 'sequential_notebook');
const notebook = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);

const caught = async (f: () => Promise<unknown>) => {
  try {
    await f();
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a rejection');
};

describe('interop.load', () => {
  it('reads a path, bytes, an ArrayBuffer, a Blob and a file URL alike, inferring the spec and saying what it assumed', async () => {
    const fromPath = await interop.load(notebook, { framework: 'linen' });
    expect(fromPath.format).toBe('msgpack');
    expect(fromPath.assumed.join('\n')).toMatch(/layers_1: LayerNorm/);
    const bytes = new Uint8Array(readFileSync(notebook));
    for (const source of [bytes, bytes.slice().buffer, new Blob([bytes]), pathToFileURL(notebook)]) {
      const loaded = await interop.load(source, { framework: 'linen' });
      expect(loaded.spec).toEqual(fromPath.spec);
      expect(loaded.assumed).toEqual(fromPath.assumed);
    }
    const [module, variables] = fromPath.model;
    expect(interop.frameworkOf([module, variables])).toBe('linen');
  });

  it('takes the spec from options, else from PATH.arch.json beside a path, and then assumes nothing', async () => {
    const { spec } = await interop.load(notebook, { framework: 'linen' });
    expect((await interop.load(notebook, { framework: 'linen', spec })).assumed).toEqual([]);
    const copy = join(dir, 'notebook.msgpack');
    copyFileSync(notebook, copy);
    writeFileSync(`${copy}.arch.json`, JSON.stringify(spec));
    expect((await interop.load(copy, { framework: 'linen' })).assumed).toEqual([]);
  });

  it('refuses a wrong framework with did-you-mean, a format of another framework, and a missing file', async () => {
    const eqx = await caught(() => interop.load(notebook, { framework: 'eqx' as 'equinox' }));
    expect(eqx.code).toBe('E_MISSING_PLUGIN');
    expect(eqx.message).toMatch(/framework "eqx" reads and writes files; did you mean "equinox"\..*Pass \{ framework: 'equinox' \}/);
    const format = await caught(() => interop.load(notebook, { framework: 'linen', format: 'eqx' }));
    expect(format.code).toBe('E_INVALID_ARGUMENT');
    expect(format.message).toMatch(/"eqx" is not a linen format/);
    expect((await caught(() => interop.load(join(dir, 'absent.msgpack'), { framework: 'linen' }))).code).toBe('E_IO');
    expect((await caught(() => interop.load(42 as unknown as Uint8Array, { framework: 'linen' }))).code).toBe('E_INVALID_ARGUMENT');
  });
});

describe('interop.save', () => {
  it('writes a path with its PATH.arch.json, or gives the bytes and a Blob; loading it back computes the same', async () => {
    const source = await interop.load(notebook, { framework: 'linen', spec: (await interop.load(notebook, { framework: 'linen' })).spec });
    const eqx = interop.convert(source.model, { from: 'linen', to: 'equinox' });
    const out = join(dir, 'notebook.eqx');
    const saved = await interop.save(eqx, out, { framework: 'equinox' });
    expect(saved).toMatchObject({ format: 'eqx', path: out, archPath: `${out}.arch.json` });
    expect(JSON.parse(readFileSync(`${out}.arch.json`, 'utf8'))).toEqual(saved.spec);
    expect(new Uint8Array(readFileSync(out))).toEqual(saved.bytes);
    const inMemory = await interop.save(eqx, null, { framework: 'equinox' });
    expect(inMemory.bytes).toEqual(saved.bytes);
    expect(new Uint8Array(await inMemory.blob().arrayBuffer())).toEqual(saved.bytes);

    const back = await interop.load(out, { framework: 'equinox' });
    expect(back.assumed).toEqual([]);
    const x = fixture.arrays.input!;
    const want = interop.files('linen').forward(source.model, x);
    expect(jnp.allclose(interop.files('equinox').forward(back.model, x) as Tensor, want, { atol: 1e-5, rtol: 1e-5 })).toBe(true);
  });

  it('picks the format from the path ending, and refuses one the framework does not write', async () => {
    const { model } = await interop.load(notebook, { framework: 'linen' });
    const out = join(dir, 'notebook.safetensors');
    expect((await interop.save(model, out, { framework: 'linen' })).format).toBe('safetensors');
    const wrong = await caught(() => interop.save(model, null, { framework: 'linen', format: 'eqx' }));
    expect(wrong.code).toBe('E_INVALID_ARGUMENT');
  });
});

describe('convert of a file, in the CLI as in the API', () => {
  it('reads INPUT.arch.json beside the input, as docs/cli.md says, and assumes nothing then', async () => {
    const bare = join(dir, 'bare.msgpack');
    copyFileSync(notebook, bare);
    const run = async (input: string, out: string) => {
      const lines: string[] = [];
      expect(
        await main(['convert', input, '--from', 'linen', '--to', 'nnx', '--out', out, '--json'], {
          out: (l) => lines.push(l),
          err: (l) => lines.push(l),
        }),
      ).toBe(0);
      return JSON.parse(lines.join('')) as { assumed: string[] };
    };
    const first = await run(bare, join(dir, 'first.nnx.msgpack'));
    expect(first.assumed.length).toBeGreaterThan(0);
    const api = await interop.load(bare, { framework: 'linen' });
    expect(api.assumed).toEqual(first.assumed);

    const withArch = join(dir, 'with-arch.msgpack');
    copyFileSync(notebook, withArch);
    writeFileSync(`${withArch}.arch.json`, JSON.stringify(api.spec));
    expect((await run(withArch, join(dir, 'second.nnx.msgpack'))).assumed).toEqual([]);
    expect((await interop.load(withArch, { framework: 'linen' })).assumed).toEqual([]);
    // A later convert --from nnx picks up the OUTPUT.arch.json the first one wrote.
    expect(existsSync(join(dir, 'first.nnx.msgpack.arch.json'))).toBe(true);
    const again: string[] = [];
    expect(
      await main(
        ['convert', join(dir, 'first.nnx.msgpack'), '--from', 'nnx', '--to', 'linen', '--out', join(dir, 'third.msgpack'), '--json'],
        { out: (l) => again.push(l), err: (l) => again.push(l) },
      ),
    ).toBe(0);
    expect(JSON.parse(again.join('')).assumed).toEqual([]);
  });
});
