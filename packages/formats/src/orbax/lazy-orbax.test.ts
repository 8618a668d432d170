import { Tensor, transpose } from '@interop/core';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { materialize, orbaxCases, orbaxFile } from '../../test/orbax-fixtures.js';
import type { MsgpackValue } from '../msgpack/values.js';
import { readNpy } from '../npy/read-npy.js';
import { openOrbaxCheckpoint } from './open-orbax.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function leaves(v: MsgpackValue, prefix: string, out: Map<string, MsgpackValue>): Map<string, MsgpackValue> {
  if (v instanceof Map) for (const [k, x] of v) leaves(x, prefix ? `${prefix}/${k}` : k, out);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, prefix ? `${prefix}/${i}` : String(i), out));
  else out.set(prefix, v);
  return out;
}

/** Reads a tensor's bytes in blocks of `block` bytes, front to back, as the streaming writers do. */
function readInBlocks(t: Tensor, block: number): Uint8Array {
  const out = new Uint8Array(t.byteLength);
  for (let at = 0; at < out.length; at += block) t.readBytes(at, out.subarray(at, Math.min(out.length, at + block)));
  return out;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const npyHex = (t: Tensor): string => hex(t.bytes());
const cases = orbaxCases().filter((c) => c.kv === undefined);

describe('lazyTree: every golden Orbax checkpoint (orbax-checkpoint 0.12.8) read chunk by chunk, bit-exactly', () => {
  // 0 keeps nothing decoded (raw chunks read in place, zstd ones through the cursor); 64 MiB decodes whole chunks.
  for (const cache of [0, 1 << 26]) {
    it.each(cases.map((c) => [c.case, c] as const))(`%s (chunk cache ${cache} bytes)`, async (_name, c) => {
      const dir = materialize(c);
      dirs.push(dir);
      const ckpt = await openOrbaxCheckpoint(dir, { chunkCacheBytes: cache });
      try {
        const got = leaves(ckpt.lazyTree(), '', new Map());
        const eager = leaves(await ckpt.loadTree(), '', new Map());
        const arrays = Object.keys(c.arrays).filter((k) => !k.startsWith('step1/'));
        for (const path of arrays) {
          const want = readNpy(orbaxFile(c.arrays[path]!));
          const leaf = got.get(path);
          if (!(leaf instanceof Tensor)) {
            // Orbax scalars are Python-like numbers in both trees.
            expect(leaf, path).toEqual(eager.get(path));
            continue;
          }
          expect(leaf.isLazy, path).toBe(true);
          expect([leaf.dtype, [...leaf.shape]], path).toEqual([want.dtype, [...want.shape]]);
          for (const block of [7, 4096, 1 << 24])
            expect(hex(readInBlocks(leaf, block)), `${path} in ${block}-byte blocks`).toBe(npyHex(want));
          if (want.shape.length === 2) {
            expect(npyHex(transpose(leaf, [1, 0]).materialize()), `${path} transposed`).toBe(npyHex(transpose(want, [1, 0])));
          }
        }
        expect([...got.keys()]).toEqual([...eager.keys()]);
      } finally {
        await ckpt.close();
      }
    });
  }
});

describe('lazy Orbax tensors', () => {
  it('read a range behind the last one again (the zstd cursor starts over)', async () => {
    const c = cases.find((x) => x.case.includes('chunked')) ?? cases[0]!;
    const dir = materialize(c);
    dirs.push(dir);
    const ckpt = await openOrbaxCheckpoint(dir, { chunkCacheBytes: 0 });
    try {
      for (const e of ckpt.list()) {
        const t = ckpt.tensor(e.keys);
        const all = readInBlocks(t, 1 << 20);
        const tail = new Uint8Array(Math.min(8, all.length));
        t.readBytes(all.length - tail.length, tail);
        const head = new Uint8Array(tail.length);
        t.readBytes(0, head);
        expect([hex(head), hex(tail)], e.path).toEqual([hex(all.subarray(0, head.length)), hex(all.subarray(all.length - tail.length))]);
      }
    } finally {
      await ckpt.close();
    }
  });

  it('refuse to read after close() with E_IO', async () => {
    const c = cases.find((x) => x.case.includes('nnx')) ?? cases[0]!;
    const dir = materialize(c);
    dirs.push(dir);
    const ckpt = await openOrbaxCheckpoint(dir);
    const big = ckpt.list().find((e) => e.byteLength > 0)!;
    const t = ckpt.tensor(big.keys);
    await ckpt.close();
    expect(() => t.materialize()).toThrow(expect.objectContaining({ code: 'E_IO' }));
  });
});
