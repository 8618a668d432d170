import { Tensor, transpose } from '@interop/core';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize, orbaxCases, orbaxFile } from '../../test/orbax-fixtures.js';
import { LazyArray } from '../msgpack/values.js';
import type { MsgpackValue } from '../msgpack/values.js';
import { readNpy } from '../npy/read-npy.js';
import { openOrbaxCheckpoint } from './open-orbax.js';
import { saveOrbaxCheckpoint } from './save-orbax.js';

const root = mkdtempSync(join(tmpdir(), 'orbax-stream-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tensors(v: MsgpackValue, prefix: string, out: Map<string, Tensor>): Map<string, Tensor> {
  if (v instanceof Map) for (const [k, x] of v) tensors(x, prefix ? `${prefix}/${k}` : k, out);
  else if (Array.isArray(v)) v.forEach((x, i) => tensors(x, prefix ? `${prefix}/${i}` : String(i), out));
  else if (v instanceof Tensor) out.set(prefix, v);
  return out;
}
const hex = (t: Tensor): string => Buffer.from(t.bytes()).toString('hex');

describe('saveOrbaxCheckpoint streams lazy tensors chunk by chunk', () => {
  const cases = orbaxCases().filter((c) => c.kv === undefined && !c.case.startsWith('manager') && c.case !== 'flax-msgpack');
  for (const layout of ['ocdbt', 'files'] as const) {
    it.each(cases.map((c) => [c.case, c] as const))(`%s -> ${layout}, in 7-byte blocks, chunks of at most 512 bytes`, async (name, c) => {
      const src = await openOrbaxCheckpoint(materialize(c, mkdtempSync(join(root, 'in-'))), { chunkCacheBytes: 0 });
      const out = join(root, `${name}-${layout}`);
      const lazy = tensors(src.lazyTree(), '', new Map());
      try {
        await saveOrbaxCheckpoint(out, src.lazyTree(), { layout, blockBytes: 7, maxChunkBytes: 512 });
        for (const t of lazy.values()) expect(t.isLazy).toBe(true);
      } finally {
        await src.close();
      }
      const back = await openOrbaxCheckpoint(out);
      try {
        const got = tensors(await back.loadTree(), '', new Map());
        for (const [path, file] of Object.entries(c.arrays)) {
          if (!got.has(path)) continue;
          const want = readNpy(orbaxFile(file));
          expect([path, got.get(path)!.dtype, [...got.get(path)!.shape], hex(got.get(path)!)]).toEqual([
            path,
            want.dtype,
            [...want.shape],
            hex(want),
          ]);
        }
        expect(got.size).toBeGreaterThan(0);
      } finally {
        await back.close();
      }
    });
  }

  it('writes pending transposes of lazy tensors without keeping their values', async () => {
    const c = orbaxCases().find((x) => x.case === 'multi-chunk')!;
    const src = await openOrbaxCheckpoint(materialize(c, mkdtempSync(join(root, 'in-'))));
    const [path, file] = Object.entries(c.arrays).find(([, f]) => readNpy(orbaxFile(f)).shape.length === 2)!;
    const t = transpose(src.tensor(path), [1, 0]);
    await saveOrbaxCheckpoint(join(root, 'transposed'), { k: t }, { blockBytes: 64 });
    expect(t.isLazy).toBe(true);
    await src.close();
    const back = await openOrbaxCheckpoint(join(root, 'transposed'));
    expect(hex(await back.load('k'))).toBe(hex(transpose(readNpy(orbaxFile(file)), [1, 0])));
    await back.close();
  });

  // Node 24 warns (DEP0137) when a FileHandle is closed by the garbage collector: a failed save
  // must close its data file itself. /proc/self/fd shows the descriptors (Linux).
  it.runIf(existsSync('/proc/self/fd'))('closes every file when it fails midway', async () => {
    const before = readdirSync('/proc/self/fd').length;
    const tree = { a: Tensor.zeros([600], 'float32'), b: new LazyArray('float32', [2], [], 'ndarray', 'b') };
    await expect(saveOrbaxCheckpoint(join(root, 'fails'), tree)).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
    expect(readdirSync('/proc/self/fd').length).toBe(before);
    expect(readdirSync(root).filter((n) => n.startsWith('fails'))).toEqual([]);
  });
});
