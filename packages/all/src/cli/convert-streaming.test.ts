// interop convert's streaming write at the CLI level: an input cut short while its tensors are
// streamed, and a writer that fails halfway (a full disk), leave no output, no temporary file and
// no OUTPUT.arch.json; --verify reports differing non-finite outputs with a hint, and
// --input-scale scales the random inputs.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InteropError, Tensor } from '@interop/core';
import type { FormatCodec, TensorSink } from '@interop/core';
import { msgpackCodec } from '@interop/formats';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { PLUGINS } from '../default-interop.js';
import { createInterop } from '../interop/create-interop.js';
import { convertCommand } from './commands/convert.js';
import { verifyCommand } from './commands/verify.js';
import type { CliContext, FrameworkFiles } from './context.js';
import { parseFlags } from './flags.js';
import { filesOfInterop } from './registry-context.js';
import { randomInputs } from './sample-input.js';

const fixture = loadFixture('layers_linen', 'sequential_notebook');
const source = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);

function context(change?: (files: Record<string, FrameworkFiles>) => void) {
  const interop = createInterop([...PLUGINS]);
  const { files, codecs } = filesOfInterop(interop);
  change?.(files);
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    interop,
    files,
    codecs,
    io: { out: (l) => out.push(l), err: (l) => err.push(l) },
    json: false,
    progress: false,
  };
  return { ctx, out, err };
}

const run = (command: typeof convertCommand, argv: string[], ctx: CliContext) => {
  const { flags, positionals } = parseFlags(argv.slice(1));
  return command(positionals, flags, ctx);
};

/** A copy of the Linen notebook checkpoint in a fresh directory, and that directory. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'interop-convert-streaming-'));
  const input = join(dir, 'in.msgpack');
  copyFileSync(source, input);
  return { dir, input, out: join(dir, 'out.eqx') };
}

describe('interop convert streaming, failing halfway', () => {
  it('an input truncated while its tensors are streamed: E_FORMAT_TRUNCATED, nothing left behind', async () => {
    const { dir, input, out } = workspace();
    const { ctx } = context((files) => {
      const equinox = files.equinox!;
      // The input is cut once the converted tree is laid out, before its tensors are read.
      files.equinox = {
        ...equinox,
        writeTree: (model, format) => {
          const written = equinox.writeTree!(model, format);
          truncateSync(input, 200);
          return written;
        },
      };
    });
    const error = await run(convertCommand, ['convert', input, '--from', 'linen', '--to', 'equinox', '--out', out], ctx).catch((e) => e);
    expect(error).toBeInstanceOf(InteropError);
    expect(error).toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
    expect((error as InteropError).message).toMatch(/in\.msgpack ends early/);
    expect(readdirSync(dir)).toEqual(['in.msgpack']);
  });

  it('a writer that fails after the first tensor (a full disk): the error passes through, nothing left behind', async () => {
    const { dir, input, out } = workspace();
    const full = new InteropError('E_IO', 'Writing failed: no space left on device (simulated)');
    const { ctx } = context((files) => {
      const failing: FormatCodec = {
        ...msgpackCodec,
        layout(tree) {
          const layout = msgpackCodec.layout!(tree);
          return {
            ...layout,
            write: (sink: TensorSink) => {
              let tensors = 0;
              return layout.write({
                get position() {
                  return sink.position;
                },
                bytes: (b) => sink.bytes(b),
                patch: (at, b) => sink.patch(at, b),
                tensor: async (t, start, length, observe) => {
                  if (tensors++ > 0) throw full;
                  await sink.tensor(t, start, length, observe);
                },
              });
            },
          };
        },
      };
      files.linen = { ...files.linen!, formats: [failing, ...files.linen!.formats.slice(1)] };
    });
    const target = join(dir, 'out.msgpack');
    await expect(run(convertCommand, ['convert', input, '--from', 'linen', '--to', 'linen', '--out', target], ctx)).rejects.toBe(full);
    expect(readdirSync(dir)).toEqual(['in.msgpack']);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the input open until the output is written, then closes it (a second convert of the same file works)', async () => {
    const { dir, input, out } = workspace();
    const { ctx } = context();
    expect(await run(convertCommand, ['convert', input, '--from', 'linen', '--to', 'equinox', '--out', out], ctx)).toBe(0);
    expect(await run(convertCommand, ['convert', out, '--from', 'equinox', '--to', 'linen', '--out', join(dir, 'back.msgpack')], ctx)).toBe(
      0,
    );
    expect(Buffer.from(readFileSync(join(dir, 'back.msgpack'))).equals(readFileSync(source))).toBe(true);
  });
});

describe('--verify with non-finite outputs, and --input-scale', () => {
  const dense = loadFixture('layers_linen', 'dense');
  const denseFile = join(dirname(dense.path), (dense.manifest.files as Record<string, string>).checkpoint!);

  /** The Dense checkpoint with its kernel scaled so that its outputs overflow float32. */
  function overflowing(dir: string): string {
    const tree = msgpackCodec.open(new Uint8Array(readFileSync(denseFile))) as Map<string, Map<string, Tensor>>;
    const params = tree.get('params')!;
    const kernel = params.get('kernel')!;
    params.set(
      'kernel',
      Tensor.fromArray(
        Array.from(kernel.toFloat32(), (v) => v * 3e38),
        [...kernel.shape],
        'float32',
      ),
    );
    const path = join(dir, 'huge.msgpack');
    writeFileSync(path, msgpackCodec.write(tree));
    return path;
  }

  it('says how many non-finite values each side has and suggests a smaller input scale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interop-nonfinite-'));
    const huge = overflowing(dir);
    const { ctx, err } = context();
    const argv = ['verify', huge, denseFile, '--from', 'linen', '--to', 'linen'];
    expect(await run(verifyCommand, argv, ctx)).toBe(1);
    const text = err.join('\n');
    expect(text).toMatch(/OUTPUTS DIFFER/);
    expect(text).toMatch(/non-finite outputs: [1-9]\d* converted, 0 reference/);
    expect(text).toMatch(/try a smaller input scale \(e\.g\. --input-scale 0\.01\)/);
  });

  it('--input-scale multiplies the random inputs, and must be a positive number', async () => {
    const spec = { shape: [4] };
    const [x] = randomInputs(spec, { seed: 0 });
    const [y] = randomInputs(spec, { seed: 0, inputScale: 0.25 });
    expect(Array.from(y!.toFloat32())).toEqual(Array.from(x!.toFloat32(), (v) => Math.fround(v * 0.25)));
    const { ctx, out } = context();
    expect(
      await run(verifyCommand, ['verify', denseFile, denseFile, '--from', 'linen', '--to', 'linen', '--input-scale', '0.01'], ctx),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/outputs match/);
    await expect(
      run(verifyCommand, ['verify', denseFile, denseFile, '--from', 'linen', '--to', 'linen', '--input-scale', '0'], ctx),
    ).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT', message: expect.stringMatching(/--input-scale "0" is not a positive number/) });
    expect(existsSync(denseFile)).toBe(true);
  });
});
