import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('interop convert of the Flax MNIST CNN (issue 16)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'interop-linen-trees-'));
  const fixture = loadFixture('trees_linen', 'cnn');
  const input = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
  const capture = (): CliIO & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  };

  it('converts without --arch: a tree of Conv_0, Conv_1, Dense_0, Dense_1, its assumptions printed, Flax bytes out', async () => {
    const out = join(dir, 'cnn.msgpack');
    const io = capture();
    expect(await main(['convert', input, '--from', 'linen', '--to', 'linen', '--out', out], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout.filter((l) => l.startsWith('assumed Conv_'))).toHaveLength(2);
    expect(same(readFileSync(out), readFileSync(input))).toBe(true);
    const arch = JSON.parse(readFileSync(`${out}.arch.json`, 'utf8'));
    expect(Object.keys(arch.children)).toEqual(['Conv_0', 'Conv_1', 'Dense_0', 'Dense_1']);
  });

  it('with --arch (the Module spec) it runs and verifies the whole model', async () => {
    const arch = join(dir, 'cnn.arch.json');
    const out = join(dir, 'cnn-verified.msgpack');
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    const io = capture();
    expect(
      await main(
        ['convert', input, '--from', 'linen', '--to', 'linen', '--out', out, '--arch', arch, '--verify', '--sample-input', '8,8,1'],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(out), readFileSync(input))).toBe(true);
  });

  it('to NNX and back, verified both ways, gives Flax bytes again', async () => {
    const arch = join(dir, 'cnn-nnx.arch.json');
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    const nnx = join(dir, 'cnn.nnx.msgpack');
    const back = join(dir, 'cnn-back.msgpack');
    const there = capture();
    expect(
      await main(
        ['convert', input, '--from', 'linen', '--to', 'nnx', '--out', nnx, '--arch', arch, '--verify', '--sample-input', '8,8,1'],
        there,
      ),
    ).toBe(0);
    expect(there.stdout.join('\n')).toMatch(/outputs match/);
    const home = capture();
    expect(
      await main(
        [
          'convert',
          nnx,
          '--from',
          'nnx',
          '--to',
          'linen',
          '--out',
          back,
          '--arch',
          `${nnx}.arch.json`,
          '--verify',
          '--sample-input',
          '8,8,1',
        ],
        home,
      ),
    ).toBe(0);
    expect(home.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(back), readFileSync(input))).toBe(true);
  });
});
