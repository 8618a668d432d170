import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../cli/io.js';
import { main } from '../cli/main.js';
import { linenFiles } from './linen.js';

const cases = listFixtures('trees_linen');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function tree(name: string) {
  const fixture = loadFixture('trees_linen', name);
  return { fixture, bytes: fixture.file('checkpoint'), spec: fixture.manifest.spec as { name: string } };
}

describe('Linen module trees through the CLI files', () => {
  it.each(cases)('%s: read with its Module spec, run like Flax, write the same bytes and spec', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const loaded = linenFiles.read(bytes, 'msgpack', spec);
    expect(loaded.assumed).toEqual([]);
    const y = linenFiles.forward(loaded.model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
    const written = linenFiles.write(loaded.model, 'msgpack');
    expect(same(written.bytes, bytes)).toBe(true);
    expect(written.spec).toMatchObject({ type: 'Module', name: spec.name, forward: expect.any(Array) });
  });

  it.each(cases)('%s: safetensors of a tree read back with the spec computes the same', (name) => {
    const { fixture, bytes, spec } = tree(name);
    const { bytes: st } = linenFiles.write(linenFiles.read(bytes, 'msgpack', spec).model, 'safetensors');
    const y = linenFiles.forward(linenFiles.read(st, 'safetensors', spec).model, fixture.arrays.input!);
    expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
  });

  it.each(cases)('%s: without a spec, a tree is inferred with assumed lines and written back byte-identical', (name) => {
    const { bytes } = tree(name);
    const loaded = linenFiles.read(bytes, 'msgpack', undefined);
    expect(loaded.spec).toMatchObject({ type: 'Module', name: 'Model' });
    expect(loaded.spec).not.toHaveProperty('forward');
    expect(loaded.assumed.at(-1)).toMatch(/^\(root\): a module of .* no forward/);
    expect(same(linenFiles.write(loaded.model, 'msgpack').bytes, bytes)).toBe(true);
  });
});

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
    expect(await main(['convert', input, '--from', 'linen', '--to', 'linen', '--out', out, '--arch', arch, '--verify', '--sample-input', '8,8,1'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(out), readFileSync(input))).toBe(true);
  });

  it('to NNX and back, verified both ways, gives Flax bytes again', async () => {
    const arch = join(dir, 'cnn-nnx.arch.json');
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    const nnx = join(dir, 'cnn.nnx.msgpack');
    const back = join(dir, 'cnn-back.msgpack');
    const there = capture();
    expect(await main(['convert', input, '--from', 'linen', '--to', 'nnx', '--out', nnx, '--arch', arch, '--verify', '--sample-input', '8,8,1'], there)).toBe(0);
    expect(there.stdout.join('\n')).toMatch(/outputs match/);
    const home = capture();
    expect(await main(['convert', nnx, '--from', 'nnx', '--to', 'linen', '--out', back, '--arch', `${nnx}.arch.json`, '--verify', '--sample-input', '8,8,1'], home)).toBe(0);
    expect(home.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(back), readFileSync(input))).toBe(true);
  });
});
