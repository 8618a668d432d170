// The streaming convert (inputs opened lazily through the codecs, outputs laid out block by block)
// against the whole-in-memory path (files.read of the file's bytes, files.write, codec.write) on
// every golden checkpoint the CLI tests convert (layers_* and trees_* of all four frameworks), to
// every framework and each of its output formats: the same bytes, or the same refusal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { InteropError } from '@interop/core';
import { readNpy } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { PLUGINS } from '../default-interop.js';
import { createInterop } from '../interop/create-interop.js';
import { convertCommand } from './commands/convert.js';
import type { CliContext } from './context.js';
import { parseFlags } from './flags.js';
import { streamsIn } from './open-input.js';
import { streamsOut } from './output-file.js';
import { filesOfInterop } from './registry-context.js';

const GROUPS = [
  'layers_brainstate',
  'layers_equinox',
  'layers_linen',
  'layers_nnx',
  'trees_brainstate',
  'trees_cli',
  'trees_equinox',
  'trees_linen',
  'trees_nnx',
];
const interop = createInterop([...PLUGINS]);
const errors: string[] = [];
const ctx: CliContext = {
  interop,
  ...filesOfInterop(interop),
  io: { out: () => undefined, err: (l) => errors.push(l) },
  json: false,
  progress: false,
};
const dir = mkdtempSync(join(tmpdir(), 'interop-streaming-paths-'));
const compared: string[] = [];
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** The old CLI path: the whole file read, converted, written into one buffer. */
function wholeInMemory(bytes: Uint8Array, from: string, spec: unknown, sampleInput: number[] | undefined, to: string, format: string) {
  const source = ctx.files[from]!;
  const loaded = source.read(bytes, (source.formats.find((c) => c.detect(bytes.subarray(0, 16))) ?? source.formats[0]!).id, spec, {
    sampleInput,
  });
  const shape = sampleInput ? { sampleInput } : {};
  const model = interop.fromIR(interop.toIR(loaded.model, from, shape), to, shape);
  return ctx.files[to]!.write(model, format).bytes;
}

describe('interop convert streams', () => {
  it('every first-party framework and format (the tests below exercise the streaming path, not the fallback)', () => {
    for (const files of Object.values(ctx.files)) {
      for (const codec of files.formats)
        expect([files.framework, streamsIn(codec, files), streamsOut(codec, files)]).toEqual([files.framework, true, true]);
    }
  });

  for (const group of GROUPS) {
    for (const name of listFixtures(group)) {
      const fixture = loadFixture(group, name);
      const checkpoint = (fixture.manifest.files as Record<string, string> | undefined)?.checkpoint;
      if (!checkpoint) continue;
      it(`${group}/${name}`, async () => {
        const input = join(dirname(fixture.path), checkpoint);
        const from = fixture.manifest.framework as string;
        const spec = fixture.manifest.spec;
        const arch = join(dir, `${group}-${name}.arch.json`);
        if (spec !== undefined) writeFileSync(arch, JSON.stringify(spec));
        const inputFile = (fixture.manifest.arrays as Record<string, string> | undefined)?.input;
        // One unbatched example: Equinox fixtures store one, the others a batch.
        const example = inputFile
          ? readNpy(readFileSync(join(dirname(fixture.path), inputFile))).shape.slice(from === 'equinox' ? 0 : 1)
          : [];
        const sampleInput = example.length > 0 ? example : undefined;
        const bytes = new Uint8Array(readFileSync(input));
        for (const [to, files] of Object.entries(ctx.files)) {
          for (const { id: format } of files.formats) {
            const out = join(dir, `${group}-${name}-${to}.${format}`);
            const argv = ['convert', input, '--from', from, '--to', to, '--out', out, '--out-format', format];
            if (spec !== undefined) argv.push('--arch', arch);
            if (sampleInput) argv.push('--sample-input', sampleInput.join(','));
            const { flags, positionals } = parseFlags(argv.slice(1));
            let expected: Uint8Array | InteropError;
            try {
              expected = wholeInMemory(bytes, from, spec, sampleInput, to, format);
            } catch (error) {
              expected = error as InteropError;
            }
            if (expected instanceof Uint8Array) {
              expect(await convertCommand(positionals, flags, ctx), `${to} ${format}`).toBe(0);
              expect(same(readFileSync(out), expected), `${from} -> ${to} ${format}`).toBe(true);
              compared.push(`${group}/${name} -> ${to} ${format}`);
            } else {
              await expect(convertCommand(positionals, flags, ctx), `${to} ${format}`).rejects.toMatchObject({ code: expected.code });
            }
          }
        }
      });
    }
  }

  it('compared bytes for conversions of every group to every framework and format', () => {
    for (const group of GROUPS)
      expect(
        compared.some((c) => c.startsWith(`${group}/`)),
        group,
      ).toBe(true);
    for (const target of [
      'brainstate msgpack',
      'brainstate safetensors',
      'nnx msgpack',
      'nnx safetensors',
      'linen msgpack',
      'linen safetensors',
      'equinox eqx',
    ]) {
      expect(
        compared.some((c) => c.endsWith(`-> ${target}`)),
        target,
      ).toBe(true);
    }
    expect(compared.length).toBeGreaterThan(1000);
  });
});
