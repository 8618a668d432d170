import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('interop convert of the Flax NNX tutorial CNN and the autoencoder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'interop-nnx-trees-'));
  const capture = (): CliIO & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  };
  const input = (name: string) => {
    const fixture = loadFixture('trees_nnx', name);
    return join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
  };

  it("with --arch (the Module spec) it runs and verifies the whole CNN, and writes NNX's bytes", async () => {
    const arch = join(dir, 'cnn.arch.json');
    const out = join(dir, 'cnn.msgpack');
    writeFileSync(arch, JSON.stringify(loadFixture('trees_nnx', 'cnn').manifest.spec));
    const io = capture();
    expect(
      await main(
        ['convert', input('cnn'), '--from', 'nnx', '--to', 'nnx', '--out', out, '--arch', arch, '--verify', '--sample-input', '12,12,1'],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(out), readFileSync(input('cnn')))).toBe(true);
  });

  it('without --arch: a tree of the nested modules and the nnx.List, its assumptions printed, the int-key file out', async () => {
    const out = join(dir, 'autoencoder.msgpack');
    const io = capture();
    expect(await main(['convert', input('autoencoder'), '--from', 'nnx', '--to', 'nnx', '--out', out], io)).toBe(0);
    expect(io.stdout.filter((l) => l.startsWith('assumed ') && l.includes('a module'))).toHaveLength(5); // Model, Encoder, Decoder, its two blocks
    expect(same(readFileSync(out), readFileSync(input('autoencoder')))).toBe(true);
    const arch = JSON.parse(readFileSync(`${out}.arch.json`, 'utf8'));
    expect(Object.keys(arch.children)).toEqual(['decoder', 'encoder']);
    expect(Object.keys(arch.children.decoder.children)).toEqual(['blocks', 'head']);
  });
});
