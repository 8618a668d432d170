import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tensor } from '@interop/core';
import { readVariables, writeVariables } from '@interop/linen';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** The checkpoint file of a golden case written by the real framework. */
function checkpoint(group: string, name: string): string {
  const fixture = loadFixture(group, name);
  return join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
}

const dir = mkdtempSync(join(tmpdir(), 'interop-convert-'));
const notebook = checkpoint('layers_linen', 'sequential_notebook');

/** Runs the CLI and checks the one-line error contract: exit 2, one coded line, nothing written. */
async function expectRefused(argv: string[], code: string, out: string): Promise<string> {
  const io = capture();
  expect(await main(argv, io)).toBe(2);
  expect(io.stderr).toHaveLength(1);
  expect(io.stderr[0]).toMatch(new RegExp(`^interop: ${code}: `));
  expect(io.stdout).toEqual([]);
  expect(existsSync(out)).toBe(false);
  expect(existsSync(`${out}.arch.json`)).toBe(false);
  return io.stderr[0]!;
}

describe('interop convert', () => {
  it('converts a Flax-written Linen checkpoint, verifies it and writes the file with its architecture', async () => {
    const out = join(dir, 'notebook.msgpack');
    const io = capture();
    expect(await main(['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--verify'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(io.stdout.join('\n')).toMatch(/assumed layers_1: LayerNorm/);
    // Through the IR and back, Flax's own bytes come out again.
    expect(Buffer.from(readFileSync(out)).equals(readFileSync(notebook))).toBe(true);
    const arch = JSON.parse(readFileSync(`${out}.arch.json`, 'utf8'));
    expect(arch.type).toBe('Sequential');
    expect(arch.layers.map((l: { type: string }) => l.type)).toEqual(['Dense', 'LayerNorm', 'Dense']);
  });

  it('prints one JSON object with --json', async () => {
    const out = join(dir, 'notebook-json.safetensors');
    const io = capture();
    expect(await main(['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--verify', '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.join(''));
    expect(result).toMatchObject({ ok: true, from: 'linen', to: 'linen', outputFormat: 'safetensors', verify: { pass: true } });
  });

  it('a corrupted input exits 2 in one line and leaves no output', async () => {
    const bad = join(dir, 'truncated.msgpack');
    writeFileSync(bad, readFileSync(notebook).subarray(0, 100));
    await expectRefused(
      ['convert', bad, '--from', 'linen', '--to', 'linen', '--out', join(dir, 'never-1.msgpack')],
      'E_FORMAT_TRUNCATED',
      join(dir, 'never-1.msgpack'),
    );
  });

  it('a wrong --from is named, with what the file looks like', async () => {
    const eqx = checkpoint('layers_equinox', 'linear');
    const line = await expectRefused(
      ['convert', eqx, '--from', 'linen', '--to', 'linen', '--out', join(dir, 'never-2.msgpack')],
      'E_FORMAT_MISMATCH',
      join(dir, 'never-2.msgpack'),
    );
    expect(line).toMatch(/looks like one of equinox/);
    await expectRefused(
      ['convert', notebook, '--from', 'keras', '--to', 'linen', '--out', join(dir, 'never-3.msgpack')],
      'E_INVALID_ARGUMENT',
      join(dir, 'never-3.msgpack'),
    );
  });

  it('a --format the framework does not read is named with the framework as prose names it', async () => {
    const out = join(dir, 'wrong-format.eqx');
    const line = await expectRefused(
      ['convert', notebook, '--from', 'linen', '--to', 'nnx', '--format', 'eqx', '--out', out],
      'E_INVALID_ARGUMENT',
      out,
    );
    expect(line).toMatch(/--format "eqx" is not a Linen format/);
  });

  it('never writes over its input', async () => {
    const copy = join(dir, 'input-copy.msgpack');
    writeFileSync(copy, readFileSync(notebook));
    const io = capture();
    expect(await main(['convert', copy, '--from', 'linen', '--to', 'linen', '--out', copy], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^interop: E_OUTPUT_IS_INPUT: /);
    expect(Buffer.from(readFileSync(copy)).equals(readFileSync(notebook))).toBe(true);
  });

  it('bad flags are refused before anything is read', async () => {
    const out = join(dir, 'never-4.msgpack');
    await expectRefused(
      ['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--sample-input', '8,x'],
      'E_INVALID_ARGUMENT',
      out,
    );
    await expectRefused(
      ['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--framework', 'nnx'],
      'E_INVALID_ARGUMENT',
      out,
    );
    await expectRefused(['convert', notebook, '--from', 'linen', '--to', 'linen'], 'E_INVALID_ARGUMENT', out);
    await expectRefused(
      ['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--arch', join(dir, 'missing.json')],
      'E_IO',
      out,
    );
  });

  it('a spec that is not JSON is E_INVALID_SPEC', async () => {
    const arch = join(dir, 'broken.arch.json');
    writeFileSync(arch, '{"type": "Sequential",');
    const out = join(dir, 'never-5.msgpack');
    await expectRefused(['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out, '--arch', arch], 'E_INVALID_SPEC', out);
  });
});

describe('interop verify', () => {
  it('matches a file against its own conversion, and exits 1 when weights differ', async () => {
    const out = join(dir, 'verify-me.msgpack');
    expect(await main(['convert', notebook, '--from', 'linen', '--to', 'linen', '--out', out], capture())).toBe(0);
    const same = capture();
    expect(await main(['verify', out, notebook, '--from', 'linen', '--to', 'linen'], same)).toBe(0);
    expect(same.stdout.join('\n')).toMatch(/outputs match/);

    // The same architecture with one weight changed: the outputs must differ, exit 1.
    const variables = readVariables(readFileSync(notebook));
    const kernel = (variables.params!.layers_0 as Record<string, Tensor>).kernel!;
    (kernel.data as Float32Array)[0]! += 0.5;
    const changed = join(dir, 'changed.msgpack');
    writeFileSync(changed, writeVariables(variables));
    const differ = capture();
    expect(await main(['verify', changed, notebook, '--from', 'linen', '--to', 'linen'], differ)).toBe(1);
    expect(differ.stderr.join('\n')).toMatch(/OUTPUTS DIFFER on 3 of 3 inputs/);
  });
});

describe('interop convert across frameworks', () => {
  const archOf = (group: string, name: string): string => {
    const path = join(dir, `${group}-${name}.arch.json`);
    writeFileSync(path, JSON.stringify(loadFixture(group, name).manifest.spec));
    return path;
  };

  it('Linen → Equinox: the .eqx and its spec compute what Flax computed on the fixture input', async () => {
    const out = join(dir, 'notebook.eqx');
    const io = capture();
    expect(await main(['convert', notebook, '--from', 'linen', '--to', 'equinox', '--out', out, '--verify'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    const arch = JSON.parse(readFileSync(`${out}.arch.json`, 'utf8'));
    expect(arch.layers.map((l: { type: string }) => l.type)).toEqual(['Linear', 'LayerNorm', 'Linear']);
    // The verify command reads OUTPUT.arch.json by itself and compares with the Flax source.
    const v = capture();
    expect(await main(['verify', out, notebook, '--from', 'equinox', '--to', 'linen'], v)).toBe(0);
  });

  it('BrainState → NNX of a conv stack with --arch and --sample-input', async () => {
    const source = checkpoint('layers_brainstate', 'sequential_conv_bn');
    const out = join(dir, 'conv-bn.msgpack');
    const sample = loadFixture('layers_brainstate', 'sequential_conv_bn').arrays.input!.shape.slice(1).join(',');
    const io = capture();
    const args = [
      'convert',
      source,
      '--from',
      'brainstate',
      '--to',
      'nnx',
      '--out',
      out,
      '--arch',
      archOf('layers_brainstate', 'sequential_conv_bn'),
      '--sample-input',
      sample,
      '--verify',
    ];
    expect(await main(args, io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
  });

  it('an NNX file without --arch: its architecture is read off the names, with what was assumed', async () => {
    const out = join(dir, 'nnx-inferred.msgpack');
    const io = capture();
    expect(
      await main(
        ['convert', checkpoint('layers_nnx', 'sequential_notebook'), '--from', 'nnx', '--to', 'linen', '--out', out, '--verify'],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.some((l) => l.startsWith('assumed '))).toBe(true);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
  });

  it('where the names do not fix the architecture (a function between layers), exit 2 asks for --arch', async () => {
    const out = join(dir, 'no-arch.msgpack');
    const line = await expectRefused(
      ['convert', checkpoint('layers_nnx', 'sequential_mlp'), '--from', 'nnx', '--to', 'linen', '--out', out],
      'E_MISSING_ARCH',
      out,
    );
    expect(line).toMatch(/--arch SPEC\.json/);
  });

  it('an Equinox leaf stream without --arch exits 2 asking for --arch', async () => {
    const out = join(dir, 'eqx-no-arch.msgpack');
    const line = await expectRefused(
      ['convert', checkpoint('layers_equinox', 'linear'), '--from', 'equinox', '--to', 'linen', '--out', out],
      'E_MISSING_ARCH',
      out,
    );
    expect(line).toMatch(/--arch SPEC\.json/);
  });

  it('an unsupported layer (BrainState GRUCell → NNX) exits 2 with the reason and leaves no output', async () => {
    const out = join(dir, 'gru.msgpack');
    const line = await expectRefused(
      [
        'convert',
        checkpoint('layers_brainstate', 'grucell'),
        '--from',
        'brainstate',
        '--to',
        'nnx',
        '--out',
        out,
        '--arch',
        archOf('layers_brainstate', 'grucell'),
      ],
      'E_UNSUPPORTED_LAYER',
      out,
    );
    expect(line).toMatch(/Cho-2014/);
  });

  it('a conv stack imported into BrainState without --sample-input exits 2 naming the flag', async () => {
    const out = join(dir, 'conv-noshape.msgpack');
    const line = await expectRefused(
      [
        'convert',
        checkpoint('layers_nnx', 'sequential_conv_bn_dropout'),
        '--from',
        'nnx',
        '--to',
        'brainstate',
        '--out',
        out,
        '--arch',
        archOf('layers_nnx', 'sequential_conv_bn_dropout'),
      ],
      'E_MISSING_SHAPE',
      out,
    );
    expect(line).toMatch(/sample/i);
  });
});
