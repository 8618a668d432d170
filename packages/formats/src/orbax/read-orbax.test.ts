import { Tensor } from '@interop/core';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize, orbaxCases, orbaxFile } from '../../test/orbax-fixtures.js';
import { tensorHex } from '../../test/fixtures.js';
import { readNpy } from '../npy/read-npy.js';
import type { MsgpackValue } from '../msgpack/values.js';
import { NumpyScalar } from '../msgpack/values.js';
import { openOrbaxCheckpoint } from './open-orbax.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function flatten(v: MsgpackValue, prefix: string, out: Map<string, MsgpackValue>): void {
  if (v instanceof Map) {
    if (v.size === 0) out.set(prefix, v);
    for (const [k, x] of v) flatten(x, prefix ? `${prefix}/${k}` : k, out);
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.set(prefix, v);
    v.forEach((x, i) => flatten(x, prefix ? `${prefix}/${i}` : String(i), out));
  } else out.set(prefix, v);
}

function floatHex(v: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return b.toString('hex');
}

const cases = orbaxCases().filter((c) => c.kv === undefined);

describe('Orbax golden fixtures (written by orbax-checkpoint 0.12.8) read bit-exactly', () => {
  it.each(cases.map((c) => [c.case, c] as const))('%s', async (_name, c) => {
    const dir = materialize(c);
    dirs.push(dir);
    const ckpt = await openOrbaxCheckpoint(dir);
    try {
      const tree = await ckpt.loadTree();
      const got = new Map<string, MsgpackValue>();
      flatten(tree, '', got);
      const arrays = Object.keys(c.arrays).filter((k) => !k.startsWith('step1/'));
      for (const path of arrays) {
        const want = readNpy(orbaxFile(c.arrays[path]!));
        const leaf = got.get(path);
        const t = leaf instanceof NumpyScalar ? leaf.tensor : leaf;
        expect(t, path).toBeInstanceOf(Tensor);
        expect([path, (t as Tensor).dtype, [...(t as Tensor).shape], tensorHex(t as Tensor)]).toEqual([
          path,
          want.dtype,
          [...want.shape],
          tensorHex(want),
        ]);
      }
      for (const [path, rec] of Object.entries(c.expected)) {
        const v = got.get(path);
        if (rec.kind === 'int') expect(v, path).toBe(BigInt(rec.value as string));
        else if (rec.kind === 'float') expect(floatHex(v as number), path).toBe(rec.value);
        else if (rec.kind === 'str') expect(v, path).toBe(rec.value);
        else if (rec.kind === 'none') expect(v, path).toBeNull();
        else if (rec.kind === 'dict') expect(v, path).toEqual(new Map());
        else if (rec.kind === 'list') expect(v, path).toEqual([]);
        else throw new Error(`unknown kind ${rec.kind}`);
      }
      expect(got.size, 'leaf count').toBe(arrays.length + Object.keys(c.expected).length);
    } finally {
      await ckpt.close();
    }
  });
});

describe('CheckpointManager layouts', () => {
  const manager = orbaxCases().find((c) => c.case === 'manager')!;

  it('opens the latest step by default and another with { step }', async () => {
    const dir = materialize(manager);
    dirs.push(dir);
    const latest = await openOrbaxCheckpoint(dir);
    expect(latest.layout).toMatchObject({ step: 2, item: 'default', ocdbt: true, zarr: 2 });
    await latest.close();
    const first = await openOrbaxCheckpoint(dir, { step: 1 });
    const w = await first.load('w');
    expect(tensorHex(w)).toBe(tensorHex(readNpy(orbaxFile(manager.arrays['step1/w']!))));
    await first.close();
    await expect(openOrbaxCheckpoint(dir, { step: 7 })).rejects.toMatchObject({ code: 'E_FORMAT_MISMATCH' });
    await expect(openOrbaxCheckpoint(dir, { item: 'nope' })).rejects.toMatchObject({ code: 'E_FORMAT_MISMATCH' });
  });

  it('picks a named item of a composite step', async () => {
    const dir = materialize(orbaxCases().find((c) => c.case === 'manager-composite')!);
    dirs.push(dir);
    const ckpt = await openOrbaxCheckpoint(dir, { item: 'state' });
    expect(ckpt.layout).toMatchObject({ step: 5, item: 'state' });
    await ckpt.close();
  });

  it('refuses a directory that is no checkpoint', async () => {
    const dir = materialize({ ...manager, files: {} });
    dirs.push(dir);
    await expect(openOrbaxCheckpoint(dir)).rejects.toMatchObject({ code: 'E_FORMAT_MAGIC' });
  });
});
