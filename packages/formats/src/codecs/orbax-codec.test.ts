// orbaxCodec over the golden Orbax fixtures (written by orbax-checkpoint 0.12.8): recognised from
// entry names, opened lazily in every layout with the step and item chosen, written and read back.
import { Tensor } from '@interop/core';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tensorHex } from '../../test/fixtures.js';
import { materialize, orbaxCases, orbaxFile } from '../../test/orbax-fixtures.js';
import { readNpy } from '../npy/read-npy.js';
import { orbaxCodec } from './orbax-codec.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const cases = orbaxCases().filter((c) => c.kv === undefined);
const byName = (name: string) => materialize(cases.find((c) => c.case === name)!);

function leafAt(tree: unknown, path: string): unknown {
  let at = tree;
  for (const k of path.split('/')) at = at instanceof Map ? at.get(k) : (at as unknown[])[Number(k)];
  return at;
}

describe('orbaxCodec', () => {
  it.each(cases.map((c) => [c.case, c] as const))('%s: detected from its entries, opened lazily, arrays bit-exact', async (_n, c) => {
    const dir = materialize(c);
    dirs.push(dir);
    expect(orbaxCodec.detect(readdirSync(dir))).toBe(true);
    const opened = await orbaxCodec.open(dir);
    try {
      const listed = new Map(opened.arrays().map((a) => [a.path, a]));
      for (const [path, npy] of Object.entries(c.arrays).filter(([p]) => !p.startsWith('step1/'))) {
        const want = readNpy(orbaxFile(npy));
        expect(listed.get(path), path).toMatchObject({ dtype: want.dtype, shape: [...want.shape] });
        const leaf = leafAt(opened.tree, path);
        if (leaf instanceof Tensor) expect(tensorHex(leaf), path).toBe(tensorHex(want));
      }
    } finally {
      await opened.close();
    }
  });

  it('a CheckpointManager root: the latest step by default, --step picks another, a missing one lists the steps', async () => {
    const dir = byName('manager');
    dirs.push(dir);
    const latest = await orbaxCodec.open(dir);
    expect([latest.step, latest.item, latest.layout]).toEqual([2, 'default', 'Orbax, OCDBT, zarr v2']);
    await latest.close();
    const first = await orbaxCodec.open(dir, { step: 1 });
    expect(tensorHex(leafAt(first.tree, 'w') as Tensor)).toBe(tensorHex(readNpy(orbaxFile('manager.step1.w.npy'))));
    await first.close();
    await expect(orbaxCodec.open(dir, { step: 7 })).rejects.toMatchObject({ code: 'E_FORMAT_MISMATCH', details: { expected: '1, 2' } });
  });

  it('a step of several items: state by default, a missing item lists the items', async () => {
    const dir = byName('manager-composite');
    dirs.push(dir);
    const opened = await orbaxCodec.open(dir);
    expect([opened.step, opened.item]).toEqual([5, 'state']);
    await opened.close();
    await expect(orbaxCodec.open(dir, { item: 'nope' })).rejects.toMatchObject({
      code: 'E_FORMAT_MISMATCH',
      details: { expected: 'state' },
    });
  });

  it('writes what it reads back (arrays listed before writing as after), refuses an existing directory, leaves nothing on failure', async () => {
    const src = byName('nnx-state');
    const out = mkdtempSync(join(tmpdir(), 'orbax-codec-'));
    dirs.push(src, out);
    const opened = await orbaxCodec.open(src);
    const target = join(out, 'copy');
    const planned = orbaxCodec.arrays(opened.tree);
    const bytes = await orbaxCodec.write(target, opened.tree, { inputs: [src] });
    expect(bytes).toBe(planned.reduce((s, a) => s + a.byteLength, 0));
    const back = await orbaxCodec.open(target);
    expect(back.arrays()).toEqual(planned);
    expect(back.arrays()).toEqual(opened.arrays());
    const kernel = 'layers/0/kernel/value';
    expect(tensorHex(leafAt(back.tree, kernel) as Tensor)).toBe(tensorHex(leafAt(opened.tree, kernel) as Tensor));
    await back.close();
    await expect(orbaxCodec.write(target, opened.tree)).rejects.toMatchObject({ code: 'E_IO' });
    await opened.close();
    // A tensor whose reads fail halfway: no directory and no temporary one is left.
    const failing = Tensor.fromSource('float32', [4], {
      byteLength: 16,
      read: () => {
        throw new Error('disk gone');
      },
    });
    await expect(orbaxCodec.write(join(out, 'failed'), new Map([['w', failing]]))).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['copy']);
    expect(existsSync(join(out, 'failed'))).toBe(false);
  });

  it('is not recognised from the entries of other directories', () => {
    expect(orbaxCodec.detect(['model.msgpack', 'model.arch.json', 'README.md'])).toBe(false);
  });
});
