import { Tensor, transpose } from '@interop/core';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LazyArray, openFlaxMsgpack } from '../index.js';
import { encodeFlaxParts } from './encode-tree.js';

/** A lazy float32 vector of zeros that is never read when the file is laid out. */
function zeros(n: number): Tensor {
  return Tensor.fromSource('float32', [n], { byteLength: n * 4, read: (_, target) => target.fill(0) });
}

/**
 * Writes a Flax msgpack file as a sparse file: every header byte and in-memory array is written
 * at its place, the lazy arrays' data is left as a hole (zeros), so a file of many GiB takes
 * no disk space and no time.
 */
async function sparseMsgpack(path: string, tree: Map<string, unknown>): Promise<number> {
  const parts = encodeFlaxParts(tree as Parameters<typeof encodeFlaxParts>[0]);
  const handle = await open(path, 'w');
  let at = 0;
  try {
    for (const p of parts) {
      if (p instanceof Uint8Array) await handle.write(p, 0, p.length, at);
      at += p instanceof Uint8Array ? p.length : p.byteLength;
    }
    await handle.truncate(at);
  } finally {
    await handle.close();
  }
  return at;
}

describe('files above 4 GiB with arrays above 2 GiB', () => {
  it('open lazily, read through positional reads past 4 GiB, and transpose a chunked array', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'large-msgpack-'));
    const path = join(dir, 'big.msgpack');
    try {
      const big = 2 ** 30 + 6; // 4 GiB + 24 bytes of float32: Flax stores it as 5 chunks
      const tail = Tensor.fromArray([1.5, -2, 3.25, 4, 5, 6], [2, 3], 'float32');
      const size = await sparseMsgpack(
        path,
        new Map([
          [
            'params',
            new Map<string, unknown>([
              ['embedding', zeros(big)],
              ['tail', tail],
            ]),
          ],
        ]),
      );
      expect(size).toBeGreaterThan(2 ** 32);
      expect((await stat(path)).size).toBe(size);
      const file = await openFlaxMsgpack(path);
      try {
        const leaf = (file.tree as Map<string, Map<string, unknown>>).get('params')!.get('embedding');
        expect(leaf).toBeInstanceOf(LazyArray);
        expect((leaf as LazyArray).ranges).toHaveLength(5);
        const embedding = file.tensor('params/embedding');
        expect(embedding.shape).toEqual([big]);
        expect(embedding.byteLength).toBe(big * 4);
        const last = new Uint8Array(64);
        embedding.reshape([2, big / 2]).readBytes(big * 4 - 64, last);
        expect(last.every((b) => b === 0)).toBe(true);
        const t = file.tensor('params/tail');
        const [range] = (file.tree as Map<string, Map<string, LazyArray>>).get('params')!.get('tail')!.ranges;
        expect(range!.offset).toBeGreaterThan(2 ** 32);
        expect(Array.from(transpose(t, [1, 0]).toFloat32())).toEqual([1.5, 4, -2, 5, 3.25, 6]);
      } finally {
        await file.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
