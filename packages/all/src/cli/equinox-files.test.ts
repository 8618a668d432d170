import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("interop convert of Equinox's MNIST example CNN", () => {
  const dir = mkdtempSync(join(tmpdir(), 'interop-equinox-trees-'));
  const capture = (): CliIO & { stdout: string[]; stderr: string[] } => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
  };
  const paths = (name: string) => {
    const fixture = loadFixture('trees_equinox', name);
    const input = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
    const arch = join(dir, `${name}.arch.json`);
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    return { input, arch };
  };

  it("the tutorial's layers list into the same CNN written with fields (--like its file), and back: Equinox's own bytes both ways", async () => {
    const tutorial = paths('cnn_tutorial');
    const fields = paths('cnn_fields');
    const io = capture();
    const there = join(dir, 'tutorial-as-fields.eqx');
    const back = join(dir, 'fields-as-tutorial.eqx');
    expect(
      await main(
        [
          'convert',
          tutorial.input,
          '--from',
          'equinox',
          '--to',
          'equinox',
          '--out',
          there,
          '--arch',
          tutorial.arch,
          '--like',
          fields.input,
          '--like-arch',
          fields.arch,
          '--sample-input',
          '12,12,1',
          '--verify',
        ],
        io,
      ),
    ).toBe(0);
    expect(
      await main(
        [
          'convert',
          there,
          '--from',
          'equinox',
          '--to',
          'equinox',
          '--out',
          back,
          '--arch',
          fields.arch,
          '--like',
          tutorial.input,
          '--like-arch',
          tutorial.arch,
          '--sample-input',
          '12,12,1',
          '--verify',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.stdout.join('\n').match(/outputs match/g)).toHaveLength(2);
    expect(same(readFileSync(there), readFileSync(fields.input))).toBe(true);
    expect(same(readFileSync(back), readFileSync(tutorial.input))).toBe(true);
  });

  it.each(['linen', 'nnx', 'brainstate'])(
    "the tutorial's layers list into a %s CNN (--like), verified, and back into its own file (--like)",
    async (to) => {
      const tutorial = paths('cnn_tutorial');
      const fields = paths('cnn_fields');
      // The target's template: the same CNN, converted from its field form (a file of the target's own tree).
      const template = join(dir, `template.${to}`);
      const there = join(dir, `tutorial.${to}`);
      const back = join(dir, `tutorial.${to}.back.eqx`);
      const io = capture();
      expect(
        await main(
          ['convert', fields.input, '--from', 'equinox', '--to', to, '--out', template, '--arch', fields.arch, '--sample-input', '12,12,1'],
          io,
        ),
      ).toBe(0);
      const likeArch = to === 'brainstate' ? ['--like-arch', `${template}.arch.json`] : [];
      expect(
        await main(
          [
            'convert',
            tutorial.input,
            '--from',
            'equinox',
            '--to',
            to,
            '--out',
            there,
            '--arch',
            tutorial.arch,
            '--like',
            template,
            ...likeArch,
            '--verify',
            '--sample-input',
            '12,12,1',
          ],
          io,
        ),
      ).toBe(0);
      expect(same(readFileSync(there), readFileSync(template))).toBe(true);
      expect(
        await main(
          [
            'convert',
            there,
            '--from',
            to,
            '--to',
            'equinox',
            '--out',
            back,
            '--arch',
            `${there}.arch.json`,
            '--like',
            tutorial.input,
            '--like-arch',
            tutorial.arch,
            '--verify',
            '--sample-input',
            '12,12,1',
          ],
          io,
        ),
      ).toBe(0);
      expect(io.stdout.join('\n').match(/outputs match/g)).toHaveLength(2);
      expect(same(readFileSync(back), readFileSync(tutorial.input))).toBe(true);
    },
  );

  it.each(['linen', 'nnx', 'brainstate'])(
    'the same CNN with one field per layer to %s and back: verified both ways, every array byte-identical',
    async (to) => {
      const { input, arch } = paths('cnn_fields');
      const there = join(dir, `fields.${to}`);
      const back = join(dir, `fields.${to}.back.eqx`);
      const io = capture();
      expect(
        await main(
          ['convert', input, '--from', 'equinox', '--to', to, '--out', there, '--arch', arch, '--verify', '--sample-input', '12,12,1'],
          io,
        ),
      ).toBe(0);
      expect(
        await main(
          [
            'convert',
            there,
            '--from',
            to,
            '--to',
            'equinox',
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
      expect(io.stdout.join('\n').match(/outputs match/g)).toHaveLength(2);
      // Flax has no pool layer: without a template the pool comes back a forward step, whose -inf record Equinox's MaxPool2d field wrote.
      const records = (b: Uint8Array) => Buffer.from(b).toString('latin1').split('\x93NUMPY').length - 1;
      const [mine, theirs] = [readFileSync(back), readFileSync(input)];
      expect(records(mine)).toBe(to === 'brainstate' ? records(theirs) : records(theirs) - 1);
      if (to === 'brainstate') expect(same(mine, theirs)).toBe(true);
    },
  );

  it('refuses the flatten without the shape at it (no --sample-input), naming the Linear, and writes nothing', async () => {
    const { input, arch } = paths('cnn_fields');
    const out = join(dir, 'no-shape.msgpack');
    const io = capture();
    expect(await main(['convert', input, '--from', 'equinox', '--to', 'linen', '--out', out, '--arch', arch], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^interop: E_MISSING_ARCH: .*linear1/);
    expect(() => readFileSync(out)).toThrow();
  });
});
