// Orbax checkpoint directories through the CLI, on the golden `orbax` fixtures (written by
// orbax-checkpoint 0.12.8): inspect in every layout with --step/--item, convert from NNX State and
// pure-dict directories (bytes equal to the eager whole-tree path), --out-format orbax for NNX and
// Linen (read back, verified, round trip to the same msgpack bytes), --like DIR, and the errors:
// a directory for a framework without directory formats, a missing step or item, an existing
// output directory, and a write failing halfway leaving nothing behind.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Tensor } from '@interop/core';
import { openOrbaxCheckpoint } from '@interop/formats';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { PLUGINS } from '../default-interop.js';
import { createInterop } from '../interop/create-interop.js';
import { convertCommand } from './commands/convert.js';
import type { CliContext, FrameworkFiles } from './context.js';
import { parseFlags } from './flags.js';
import type { CliIO } from './io.js';
import { main } from './main.js';
import { filesOfInterop } from './registry-context.js';

const root = mkdtempSync(join(tmpdir(), 'interop-orbax-files-'));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** A golden case's checkpoint directory (stored flat), rebuilt under a fresh folder. */
function materialize(name: string): string {
  const fixture = loadFixture('orbax', name);
  const dir = join(mkdtempSync(join(root, `${name}-`)), 'ckpt');
  for (const rel of Object.keys(fixture.manifest.files as Record<string, string>)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), fixture.file(rel));
  }
  return dir;
}

async function cli(argv: string[]) {
  const io = capture();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const layouts = listFixtures('orbax').filter((n) => loadFixture('orbax', n).manifest.kv === undefined);

describe('interop inspect DIR', () => {
  it.each(layouts)('%s: layout, step, item and every array Orbax saved (dtype, shape)', async (name) => {
    const fixture = loadFixture('orbax', name);
    const dir = materialize(name);
    const { code, out } = await cli(['inspect', dir, '--json']);
    expect(code).toBe(0);
    const info = JSON.parse(out) as { format: string; arrays: Array<{ path: string; dtype: string; shape: number[] }> };
    expect(info.format).toBe('orbax');
    const listed = new Map(info.arrays.map((a) => [a.path, a]));
    for (const [path, t] of Object.entries(fixture.arrays).filter(([p]) => !p.startsWith('step1/'))) {
      expect(listed.get(path), path).toMatchObject({ dtype: t.dtype, shape: [...t.shape] });
    }
    expect((await cli(['inspect', dir])).out).toMatch(/^format: +Orbax checkpoint/m);
  });

  it('a CheckpointManager root: the latest step, --step 1, a missing step listing the steps, a missing item listing the items', async () => {
    const dir = materialize('manager');
    expect((await cli(['inspect', dir])).out).toMatch(/^step: +2\nitem: +default/m);
    expect((await cli(['inspect', dir, '--step', '1'])).out).toMatch(/^step: +1$/m);
    const missing = await cli(['inspect', dir, '--step', '9']);
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/E_FORMAT_MISMATCH: .*no step 9.*Expected 1, 2, found 9/s)]);
    const item = await cli(['inspect', materialize('manager-composite'), '--item', 'nope']);
    expect([item.code, item.err]).toEqual([2, expect.stringMatching(/E_FORMAT_MISMATCH: .*no item "nope".*Expected state/s)]);
    const file = await cli(['inspect', join(dir, '1', '_CHECKPOINT_METADATA'), '--step', '1']);
    expect(file.err).toMatch(/E_INVALID_ARGUMENT: --step and --item pick from an Orbax checkpoint directory/);
  });
});

describe('interop convert DIR', () => {
  it('an nnx.State and a pure dict saved by Orbax convert to Equinox, NNX and Linen: the bytes of the eager whole-tree path', async () => {
    const interop = createInterop([...PLUGINS]);
    const { files } = filesOfInterop(interop);
    for (const name of ['nnx-state', 'nnx-pure-dict']) {
      const dir = materialize(name);
      // The eager path: every array loaded into memory, then converted and written as bytes.
      const ckpt = await openOrbaxCheckpoint(dir);
      const eager = files.nnx!.readTree!(await ckpt.loadTree(), 'orbax', undefined);
      await ckpt.close();
      for (const [to, ext] of [
        ['equinox', 'eqx'],
        ['nnx', 'msgpack'],
        ['linen', 'safetensors'],
      ] as const) {
        const out = join(dirname(dir), `out-${to}.${ext}`);
        const run = await cli(['convert', dir, '--from', 'nnx', '--to', to, '--out', out]);
        expect(run.code, run.err).toBe(0);
        expect(run.out).toMatch(new RegExp(`read +${dir.replace(/[/\\.]/g, '\\$&')} \\(nnx, orbax\\)`));
        const whole = files[to]!.write(interop.fromIR(interop.toIR(eager.model, 'nnx'), to), ext).bytes;
        expect(same(readFileSync(out), whole), `${name} -> ${to}`).toBe(true);
      }
    }
  });

  it('--step and --item pick what a CheckpointManager saved', async () => {
    const dir = materialize('manager-composite');
    const run = await cli(['convert', dir, '--from', 'nnx', '--to', 'nnx', '--out', join(dirname(dir), 'o.msgpack'), '--item', 'state']);
    // The item holds one array, not a model: the refusal comes from the model reader, after the item was found.
    expect(run.err).not.toMatch(/no item/);
    const missing = await cli(['convert', dir, '--from', 'nnx', '--to', 'nnx', '--out', join(dirname(dir), 'o.msgpack'), '--step', '4']);
    expect(missing.err).toMatch(/E_FORMAT_MISMATCH: .*no step 4.*Expected 5, found 4/s);
  });

  it('a directory for a framework without directory formats, and --format orbax for a file, are refused', async () => {
    const dir = materialize('nnx-state');
    const eqx = await cli(['convert', dir, '--from', 'equinox', '--to', 'nnx', '--out', join(dirname(dir), 'o.msgpack')]);
    expect(eqx.err).toMatch(
      /E_FORMAT_MISMATCH: .* is a directory, but equinox checkpoints are files \(eqx\).*looks like a checkpoint of nnx or linen/s,
    );
    const fixture = loadFixture('trees_nnx', listFixtures('trees_nnx')[0]!);
    const file = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
    const asDir = await cli(['convert', file, '--from', 'nnx', '--format', 'orbax', '--to', 'nnx', '--out', join(root, 'x.msgpack')]);
    expect(asDir.err).toMatch(/E_FORMAT_MISMATCH: .* is a file, and orbax checkpoints are directories/);
  });
});

describe('interop convert --out-format orbax', () => {
  const cases = listFixtures('trees_nnx');

  it.each(cases)('%s: NNX msgpack -> Orbax NNX State (verified), back to the same msgpack bytes; Linen too', async (name) => {
    const fixture = loadFixture('trees_nnx', name);
    const file = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
    const arch = join(root, `${name}.arch.json`);
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    const work = mkdtempSync(join(root, `${name}-`));
    const out = join(work, 'model.orbax');
    const shape = fixture.arrays.input!.shape.slice(1).join(',');
    const run = await cli([
      'convert',
      file,
      '--from',
      'nnx',
      '--arch',
      arch,
      '--to',
      'nnx',
      '--out',
      out,
      '--out-format',
      'orbax',
      '--verify',
      '--sample-input',
      shape,
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/wrote +.*model\.orbax \(nnx, orbax, \d+ bytes of arrays, a directory\)/);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['_METADATA', '_CHECKPOINT_METADATA', 'manifest.ocdbt']));
    expect(readdirSync(work).sort()).toEqual(['model.orbax', 'model.orbax.arch.json']);
    const info = JSON.parse((await cli(['inspect', out, '--json'])).out) as { arrays: Array<{ path: string }> };
    expect(info.arrays.every((a) => a.path.endsWith('/value'))).toBe(true);
    const back = join(work, 'back.msgpack');
    expect((await cli(['convert', out, '--from', 'nnx', '--to', 'nnx', '--out', back])).code).toBe(0);
    expect(same(readFileSync(back), fixture.file('checkpoint'))).toBe(true);
    const linen = join(work, 'linen.orbax');
    const toLinen = await cli(['convert', out, '--from', 'nnx', '--to', 'linen', '--out', linen, '--out-format', 'orbax']);
    expect(toLinen.code, toLinen.err).toBe(0);
    const verified = await cli(['verify', linen, file, '--from', 'linen', '--to', 'nnx', '--arch-b', arch, '--sample-input', shape]);
    expect(verified.code, verified.err).toBe(0);
  });

  it('--like DIR: an Equinox model into the tree of an Orbax NNX template, written as Orbax', async () => {
    const name = cases[0]!;
    const fixture = loadFixture('trees_nnx', name);
    const file = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
    const arch = join(root, `like-${name}.arch.json`);
    writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
    const work = mkdtempSync(join(root, 'like-'));
    const shape = fixture.arrays.input!.shape.slice(1).join(',');
    const template = join(work, 'template.orbax');
    expect(
      (await cli(['convert', file, '--from', 'nnx', '--arch', arch, '--to', 'nnx', '--out', template, '--out-format', 'orbax'])).code,
    ).toBe(0);
    const eqx = join(work, 'model.eqx');
    expect(
      (await cli(['convert', file, '--from', 'nnx', '--arch', arch, '--to', 'equinox', '--out', eqx, '--sample-input', shape])).code,
    ).toBe(0);
    const out = join(work, 'out.orbax');
    const run = await cli([
      'convert',
      eqx,
      '--from',
      'equinox',
      '--to',
      'nnx',
      '--out',
      out,
      '--like',
      template,
      '--like-arch',
      arch,
      '--sample-input',
      shape,
      '--verify',
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/like +.*template\.orbax \(nnx, orbax\)/);
    expect(JSON.parse((await cli(['inspect', out, '--json'])).out).arrays).toEqual(
      JSON.parse((await cli(['inspect', template, '--json'])).out).arrays,
    );
  });

  it('an existing output directory is refused before anything is written; a write failing halfway leaves nothing', async () => {
    const dir = materialize('nnx-state');
    const existing = join(dirname(dir), 'exists.orbax');
    mkdirSync(existing);
    const refused = await cli(['convert', dir, '--from', 'nnx', '--to', 'nnx', '--out', existing, '--out-format', 'orbax']);
    expect(refused.err).toMatch(/E_IO: .*exists\.orbax already exists; an orbax checkpoint is written as a new directory/);
    expect(existsSync(`${existing}.arch.json`)).toBe(false);

    const interop = createInterop([...PLUGINS]);
    const { files, codecs } = filesOfInterop(interop);
    const nnx = files.nnx!;
    // The second array's reads fail, as a disk gone mid-write would.
    const failing: FrameworkFiles = {
      ...nnx,
      writeTree(model, format) {
        const written = nnx.writeTree!(model, format);
        const broken = Tensor.fromSource('float32', [2], {
          byteLength: 8,
          read: () => {
            throw new Error('disk gone');
          },
        });
        return { ...written, tree: new Map([...(written.tree as Map<string, unknown>), ['zz', new Map([['value', broken]])]]) };
      },
    };
    const ctx: CliContext = { interop, files: { ...files, nnx: failing }, codecs, io: capture(), json: false, progress: false };
    const out = join(dirname(dir), 'failed.orbax');
    const { flags, positionals } = parseFlags([dir, '--from', 'nnx', '--to', 'nnx', '--out', out, '--out-format', 'orbax']);
    await expect(convertCommand(positionals, flags, ctx)).rejects.toThrow(/disk gone/);
    expect(readdirSync(dirname(dir)).sort()).toEqual(['ckpt', 'exists.orbax']);
  });
});
