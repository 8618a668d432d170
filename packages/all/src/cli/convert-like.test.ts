import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tensor } from '@interop/core';
import { inspectFile, msgpackCodec, readFlaxMsgpack, writeFlaxMsgpack } from '@interop/formats';
import type { MsgpackValue } from '@interop/formats';
import { readVariables } from '@interop/linen';
import { readPureDict } from '@interop/nnx';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';
import { checkSameTree, orderLikeTemplate, parseRenames } from './template.js';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function checkpoint(group: string, name: string): string {
  const fixture = loadFixture(group, name);
  return join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
}

const dir = mkdtempSync(join(tmpdir(), 'interop-like-'));
const archOf = (group: string, name: string): string => {
  const path = join(dir, `${group}-${name}.arch.json`);
  writeFileSync(path, JSON.stringify(loadFixture(group, name).manifest.spec));
  return path;
};
// Flax-written Sequentials of the same shapes (Dense 4→8, LayerNorm 8, Dense 8→2) in each framework.
const linen = checkpoint('layers_linen', 'sequential_notebook');
const nnxTemplate = checkpoint('layers_nnx', 'sequential_notebook');
const eqxTemplate = checkpoint('layers_equinox', 'sequential_notebook');

async function tree(path: string) {
  return (await inspectFile(path)).arrays.map((a) => `${a.path} ${a.dtype} [${a.shape.join(', ')}]`);
}

async function expectRefused(argv: string[], code: string, out: string): Promise<string> {
  const io = capture();
  expect(await main(argv, io)).toBe(2);
  expect(io.stderr).toHaveLength(1);
  expect(io.stderr[0]).toMatch(new RegExp(`^interop: ${code}: `));
  expect(existsSync(out)).toBe(false);
  expect(existsSync(`${out}.arch.json`)).toBe(false);
  return io.stderr[0]!;
}

const values = (t: unknown) => Array.from((t as Tensor).toFloat64());

describe('interop convert --like', () => {
  it("writes exactly the template's tree, filled with the source's weights, and prints the pairing", async () => {
    const out = join(dir, 'like-nnx.msgpack');
    const io = capture();
    const args = [
      'convert',
      linen,
      '--from',
      'linen',
      '--to',
      'nnx',
      '--like',
      nnxTemplate,
      '--arch',
      archOf('layers_linen', 'sequential_notebook'),
      '--out',
      out,
      '--verify',
    ];
    expect(await main(args, io)).toBe(0);
    expect(await tree(out)).toEqual(await tree(nnxTemplate));
    const source = readVariables(readFileSync(linen)).params as Record<string, Record<string, Tensor>>;
    const written = readPureDict(readFileSync(out)) as Record<string, Record<string, Record<string, Tensor>>>;
    expect(values(written.layers!['2']!.kernel)).toEqual(values(source.layers_2!.kernel));
    expect(values(written.layers!['1']!.scale)).toEqual(values(source.layers_1!.scale));
    // The template's own values are gone.
    const template = readPureDict(readFileSync(nnxTemplate)) as typeof written;
    expect(values(written.layers!['0']!.kernel)).not.toEqual(values(template.layers!['0']!.kernel));
    expect(io.stdout).toContain(`like    ${nnxTemplate} (nnx, msgpack)`);
    expect(io.stdout.filter((l) => l.startsWith('paired'))).toEqual([
      'paired  layers/0 -> layers/0',
      'paired  layers/1 -> layers/1',
      'paired  layers/2 -> layers/2',
    ]);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
  });

  it('gives the pairing as a field with --json', async () => {
    const out = join(dir, 'like-json.msgpack');
    const io = capture();
    expect(await main(['convert', linen, '--from', 'linen', '--to', 'nnx', '--like', nnxTemplate, '--out', out, '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.join(''));
    expect(result.pairs).toEqual([0, 1, 2].map((i) => ({ source: `layers/${i}`, template: `layers/${i}`, renamed: false })));
    expect(result.like).toBe(nnxTemplate);
  });

  it('reads an Equinox template with --like-arch, and asks for it without', async () => {
    const out = join(dir, 'like.eqx');
    const io = capture();
    const args = ['convert', linen, '--from', 'linen', '--to', 'equinox', '--like', eqxTemplate, '--out', out, '--verify'];
    // Flax's LayerNorm epsilon is 1e-6, Equinox's 1e-5: the user's class must say 1e-6 to compute the same.
    const spec = loadFixture('layers_equinox', 'sequential_notebook').manifest.spec as { layers: Array<Record<string, unknown>> };
    const exact = join(dir, 'eqx-eps.arch.json');
    writeFileSync(exact, JSON.stringify({ ...spec, layers: spec.layers.map((l) => (l.type === 'LayerNorm' ? { ...l, eps: 1e-6 } : l)) }));
    expect(await main([...args, '--like-arch', exact], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(await tree(out)).toEqual(await tree(eqxTemplate));
    const eps = await expectRefused(
      [...args.slice(0, -2), join(dir, 'never-eps.eqx'), '--like-arch', archOf('layers_equinox', 'sequential_notebook')],
      'E_SHAPE_MISMATCH',
      join(dir, 'never-eps.eqx'),
    );
    expect(eps).toContain('layers/1 -> layers/1 (layer-norm): epsilon 0.000001 vs 0.00001 in the template');
    const line = await expectRefused(
      ['convert', linen, '--from', 'linen', '--to', 'equinox', '--like', eqxTemplate, '--out', join(dir, 'never-eqx.eqx')],
      'E_MISSING_ARCH',
      join(dir, 'never-eqx.eqx'),
    );
    expect(line).toMatch(/--like-arch SPEC\.json/);
  });

  it('refuses a template whose shapes do not fit, listing every mismatch, and writes nothing', async () => {
    const out = join(dir, 'misfit.msgpack');
    // NNX's sequential_mlp: Linear 3→6, relu, LayerNorm 6, Linear 6→2: every layer differs.
    const misfit = ['--like', checkpoint('layers_nnx', 'sequential_mlp'), '--like-arch', archOf('layers_nnx', 'sequential_mlp')];
    const line = await expectRefused(
      ['convert', linen, '--from', 'linen', '--to', 'nnx', ...misfit, '--out', out],
      'E_SHAPE_MISMATCH',
      out,
    );
    expect(line).toMatch(/3 mismatches/);
    expect(line).toContain('layers/0 -> layers/0 (linear): kernel [4, 8] vs [3, 6], bias [8] vs [6]');
    expect(line).toContain('layers/1 -> layers/2 (layer-norm): scale [8] vs [6], bias [8] vs [6]');
    expect(line).toContain('layers/2 -> layers/3 (linear): kernel [8, 2] vs [6, 2]');
    expect(line).toMatch(/found no pair that fits/);
  });

  it('--rename pairs by name; it needs --like and a valid pattern', async () => {
    const out = join(dir, 'renamed.msgpack');
    const io = capture();
    // Renaming each layer to itself is accepted and marked as renamed.
    expect(
      await main(
        ['convert', linen, '--from', 'linen', '--to', 'nnx', '--like', nnxTemplate, '--rename', 'layers/(\\d)=layers/\\1', '--out', out],
        io,
      ),
    ).toBe(0);
    expect(io.stdout).toContain('paired  layers/2 -> layers/2 (renamed)');
    const wrong = await expectRefused(
      [
        'convert',
        linen,
        '--from',
        'linen',
        '--to',
        'nnx',
        '--like',
        nnxTemplate,
        '--rename',
        '^layers/0$=layers/2',
        '--out',
        join(dir, 'never-r.msgpack'),
      ],
      'E_SHAPE_MISMATCH',
      join(dir, 'never-r.msgpack'),
    );
    expect(wrong).toContain('layers/0 -> layers/2 (linear): kernel [4, 8] vs [8, 2]');
    await expectRefused(
      ['convert', linen, '--from', 'linen', '--to', 'nnx', '--rename', 'a=b', '--out', join(dir, 'never-r2.msgpack')],
      'E_INVALID_ARGUMENT',
      join(dir, 'never-r2.msgpack'),
    );
    await expectRefused(
      [
        'convert',
        linen,
        '--from',
        'linen',
        '--to',
        'nnx',
        '--like',
        nnxTemplate,
        '--rename',
        '(=b',
        '--out',
        join(dir, 'never-r3.msgpack'),
      ],
      'E_INVALID_ARGUMENT',
      join(dir, 'never-r3.msgpack'),
    );
  });

  it('parses renames at the last "=", with \\1 as $1', () => {
    const [[pattern, replacement]] = parseRenames(['^(?=Dense)Dense_(\\d)=linear\\1']) as [[RegExp, string]];
    expect(pattern.source).toBe('^(?=Dense)Dense_(\\d)');
    expect('Dense_3'.replace(pattern, replacement)).toBe('linear3');
  });

  it("puts a file's dicts in the template's order when only the order differs", () => {
    const template = new Uint8Array(readFileSync(linen));
    const reverse = (v: MsgpackValue): MsgpackValue => (v instanceof Map ? new Map([...v].reverse().map(([k, x]) => [k, reverse(x)])) : v);
    const reversed = writeFlaxMsgpack(reverse(readFlaxMsgpack(template)));
    expect(() => checkSameTree(reversed, template, msgpackCodec, 'template.msgpack')).toThrow(/leaf 0/);
    expect(Buffer.from(orderLikeTemplate(reversed, template, msgpackCodec)).equals(template)).toBe(true);
    // Other leaves are left for checkSameTree to refuse.
    const other = new Uint8Array(readFileSync(checkpoint('layers_linen', 'sequential_mlp')));
    expect(orderLikeTemplate(other, template, msgpackCodec)).toBe(other);
  });

  it('checks that a file has the template tree, leaf by leaf', () => {
    const template = new Uint8Array(readFileSync(nnxTemplate));
    expect(() => checkSameTree(template, template, msgpackCodec, 'template.msgpack')).not.toThrow();
    expect(() =>
      checkSameTree(new Uint8Array(readFileSync(checkpoint('layers_nnx', 'sequential_mlp'))), template, msgpackCodec, 'template.msgpack'),
    ).toThrow(/leaf 0 of 6/);
  });
});

describe('interop convert --strict', () => {
  it('refuses what inference assumed, where a summary line closes the conversion otherwise', async () => {
    const strided = checkpoint('layers_linen', 'conv2d_explicit_stride');
    const out = join(dir, 'strict.msgpack');
    const line = await expectRefused(
      ['convert', strided, '--from', 'linen', '--to', 'nnx', '--out', out, '--strict'],
      'E_MISSING_ARCH',
      out,
    );
    expect(line).toMatch(/--strict: .* 1 assumption that change.*Conv with strides 1/);
    const io = capture();
    expect(await main(['convert', strided, '--from', 'linen', '--to', 'nnx', '--out', out], io)).toBe(0);
    expect(io.stdout.at(-1)).toBe('1 assumption; pass --arch to be exact');
    const exact = capture();
    const arch = archOf('layers_linen', 'conv2d_explicit_stride');
    expect(
      await main(
        ['convert', strided, '--from', 'linen', '--to', 'nnx', '--out', join(dir, 'strict-ok.msgpack'), '--arch', arch, '--strict'],
        exact,
      ),
    ).toBe(0);
    expect(exact.stdout.some((l) => /assumption/.test(l))).toBe(false);
  });

  it("counts the notebook stack's assumptions (LayerNorm epsilon, the end of the stack)", async () => {
    const io = capture();
    expect(await main(['convert', linen, '--from', 'linen', '--to', 'nnx', '--out', join(dir, 'summary.msgpack'), '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('')).assumptions).toBe(2);
  });
});
