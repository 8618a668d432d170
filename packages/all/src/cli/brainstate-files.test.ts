import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import brainstate from '@interop/brainstate';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('interop convert of the BrainState tutorial-style CNN', () => {
  const dir = mkdtempSync(join(tmpdir(), 'interop-brainstate-trees-'));
  const fixture = loadFixture('trees_brainstate', 'cnn');
  const input = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
  const arch = join(dir, 'cnn.arch.json');
  writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
  const capture = (): CliIO & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  };

  it('with --arch (the Module spec) it runs and verifies the whole model, BrainState bytes out', async () => {
    const out = join(dir, 'cnn.msgpack');
    const io = capture();
    expect(
      await main(
        [
          'convert',
          input,
          '--from',
          'brainstate',
          '--to',
          'brainstate',
          '--out',
          out,
          '--arch',
          arch,
          '--verify',
          '--sample-input',
          '12,12,1',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/outputs match/);
    expect(same(readFileSync(out), readFileSync(input))).toBe(true);
  });

  it.each(['nnx', 'linen', 'equinox'])(
    'to %s and back, verified both ways, the file comes back byte-identical (pool and Flatten function steps where the target has no such layers)',
    async (to) => {
      const there = join(dir, `cnn.${to}`);
      const back = join(dir, `cnn.${to}.back.msgpack`);
      const io = capture();
      expect(
        await main(
          ['convert', input, '--from', 'brainstate', '--to', to, '--out', there, '--arch', arch, '--verify', '--sample-input', '12,12,1'],
          io,
        ),
      ).toBe(0);
      const theirs = JSON.parse(readFileSync(`${there}.arch.json`, 'utf8'));
      if (to === 'equinox') expect(theirs.children.avg_pool).toMatchObject({ type: 'AvgPool2d' });
      else
        expect(theirs.forward).toEqual(
          expect.arrayContaining([{ fn: 'avg_pool', window_shape: [2, 2], strides: [2, 2] }, { fn: 'flatten' }]),
        );
      expect(
        await main(
          [
            'convert',
            there,
            '--from',
            to,
            '--to',
            'brainstate',
            '--out',
            back,
            '--arch',
            `${there}.arch.json`,
            '--verify',
            '--sample-input',
            '12,12,1',
          ],
          io,
        ),
      ).toBe(0);
      expect(io.stdout.filter((l) => /outputs match/.test(l))).toHaveLength(2);
      expect(same(readFileSync(back), readFileSync(input))).toBe(true);
    },
  );

  it('the residual network to Equinox and back, verified both ways', async () => {
    const res = loadFixture('trees_brainstate', 'resnet');
    const source = join(dirname(res.path), (res.manifest.files as Record<string, string>).checkpoint!);
    const resArch = join(dir, 'resnet.arch.json');
    writeFileSync(resArch, JSON.stringify(res.manifest.spec));
    const io = capture();
    expect(
      await main(
        [
          'convert',
          source,
          '--from',
          'brainstate',
          '--to',
          'equinox',
          '--out',
          join(dir, 'resnet.eqx'),
          '--arch',
          resArch,
          '--verify',
          '--sample-input',
          '8,8,3',
        ],
        io,
      ),
    ).toBe(0);
    const back = join(dir, 'resnet.back.msgpack');
    expect(
      await main(
        [
          'convert',
          join(dir, 'resnet.eqx'),
          '--from',
          'equinox',
          '--to',
          'brainstate',
          '--out',
          back,
          '--arch',
          join(dir, 'resnet.eqx.arch.json'),
          '--verify',
          '--sample-input',
          '8,8,3',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.filter((l) => /outputs match/.test(l))).toHaveLength(2);
    const y = brainstate.files!.forward(brainstate.files!.read(readFileSync(back), 'msgpack', res.manifest.spec).model, res.arrays.input!);
    expect(allclose(y, res.arrays.output!, res.manifest.tolerance!)).toBe(true);
  });
});
