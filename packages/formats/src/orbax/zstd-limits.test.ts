import { Tensor } from '@interop/core';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeLeafNode, encodeManifest } from './encode-ocdbt.js';
import { openOrbaxCheckpoint } from './open-orbax.js';
import { saveOrbaxCheckpoint } from './save-orbax.js';
import { decompressZstd } from './zstd.js';

const root = mkdtempSync(join(tmpdir(), 'orbax-zstd-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const results: string[] = [];

/** A zstd frame: header (`fhd`, then `tail`), then blocks given as [type, size, payload bytes]. */
function frame(fhd: number, tail: number[], blocks: Array<[number, number, number]>): Uint8Array {
  const out: number[] = [0x28, 0xb5, 0x2f, 0xfd, fhd, ...tail];
  blocks.forEach(([type, size, payload], i) => {
    const h = (size << 3) | (type << 1) | (i === blocks.length - 1 ? 1 : 0);
    out.push(h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, ...new Array<number>(payload).fill(0));
  });
  return Uint8Array.from(out);
}
const rle = (n: number): Array<[number, number, number]> => new Array(n).fill([1, 128 * 1024, 1]);
const tinyCompressed = (n: number): Array<[number, number, number]> => new Array(n).fill([2, 2, 2]);
const le32 = (v: number): number[] => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
const MiB16 = 1 << 24;

function refuse(name: string, run: () => unknown, code: RegExp): void {
  const start = performance.now();
  let err: unknown;
  try {
    run();
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - start;
  expect((err as { code?: string })?.code, `${name}: ${String(err)}`).toMatch(code);
  expect(ms, name).toBeLessThan(1000);
  results.push(`${name}: ${(err as { code: string }).code} in ${ms.toFixed(1)} ms`);
}

describe('zstd bombs: refused from the frame and block headers, before decoding or allocating', () => {
  it('a frame declaring more than the chunk holds', () => {
    refuse(
      'declares 1 GB for a 16-byte chunk',
      () => decompressZstd(frame(0xa0, le32(1e9), rle(1)), { exact: 16, max: 16 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  it('raw and RLE blocks adding up past the chunk (no declared size)', () => {
    refuse(
      '8000 RLE blocks (1 GiB) for a 16 MiB chunk',
      () => decompressZstd(frame(0x00, [0x58], rle(8000)), { exact: MiB16, max: MiB16 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  it('a window larger than the chunk allows, or than libzstd decodes by default', () => {
    refuse(
      'a 2 GiB window for a 16-byte chunk',
      () => decompressZstd(frame(0x00, [0xa8], tinyCompressed(1)), { exact: 16, max: 16 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
    refuse(
      'a 1 GiB window for a 1 GiB chunk (over 2^27)',
      () => decompressZstd(frame(0x00, [0xa0], tinyCompressed(1)), { max: 2 ** 30 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  it('many tiny compressed blocks under a large window (decoder work)', () => {
    // Each block moves the 32 MiB window once in the decoder: 100k blocks would be 3 PB of copying.
    refuse(
      '100000 tiny blocks under a 32 MiB window',
      () => decompressZstd(frame(0x00, [0x78], tinyCompressed(100_000)), { exact: MiB16, max: MiB16 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  it('a chunk its blocks could never fill (nothing allocated for the claimed size)', () => {
    refuse(
      'two tiny blocks for a 1 TiB chunk',
      () => decompressZstd(frame(0x00, [0x58], tinyCompressed(2)), { exact: 2 ** 40, max: 2 ** 40 }, 'w/0'),
      /^E_FORMAT_CORRUPT$/,
    );
  });

  it('a declared size its blocks cannot produce', () => {
    refuse(
      'declares 16 MiB in one 2-byte compressed block',
      () => decompressZstd(frame(0x80, [0x58, ...le32(MiB16)], tinyCompressed(1)), { exact: MiB16, max: MiB16 }, 'w/0'),
      /^E_FORMAT_CORRUPT$/,
    );
  });

  // A real frame of 64 MiB (a repeating pattern) with no declared size passes every header check (its
  // compressed blocks could each be small); decoding must stop at the chunk's 16 MiB. Node's
  // own zstd compressor (22.15+) writes it.
  const z = zlib as unknown as { zstdCompressSync?: (b: Uint8Array, o: object) => Uint8Array; constants: Record<string, number> };
  it.runIf(z.zstdCompressSync !== undefined)('a real frame decoding past its chunk, without a declared size', () => {
    const params = { [z.constants['ZSTD_c_compressionLevel']!]: 1, [z.constants['ZSTD_c_contentSizeFlag']!]: 0 };
    const pattern = Uint8Array.from({ length: 1 << 26 }, (_, i) => i % 251); // compressed blocks, not RLE ones
    const bomb = z.zstdCompressSync!(pattern, { params });
    refuse(
      `${bomb.length}-byte frame of 64 MiB for a 16 MiB chunk`,
      () => decompressZstd(bomb, { exact: MiB16, max: MiB16 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  // Compressed blocks of raw literals (120 KiB each, no sequences) with no declared size: they pass
  // the header checks, and the decoder (fzstd on Node 20, Node's own on 22.15+) must stop at the chunk.
  it('compressed blocks producing more than the chunk, stopped while decoding', () => {
    const lit = 120 * 1024;
    const body = [0x0c | ((lit & 0xf) << 4), (lit >> 4) & 0xff, (lit >> 12) & 0xff, ...new Array<number>(lit).fill(7), 0];
    const out: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58];
    for (let i = 0; i < 10; i++) {
      const h = (body.length << 3) | (2 << 1) | (i === 9 ? 1 : 0);
      out.push(h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, ...body);
    }
    const frame10 = Uint8Array.from(out);
    expect(decompressZstd(frame10, { exact: 10 * lit, max: 10 * lit }, 'w/0').every((b) => b === 7)).toBe(true);
    refuse(
      '10 blocks of 120 KiB for a 1 MiB chunk',
      () => decompressZstd(frame10, { exact: 1 << 20, max: 1 << 20 }, 'w/0'),
      /^E_FORMAT_LIMIT$/,
    );
  });

  it('the same bombs read through a lazy tensor (chunk cache off: the zstd cursor path)', async () => {
    const dir = join(root, 'ckpt');
    await saveOrbaxCheckpoint(dir, { w: Tensor.zeros([2048, 2048], 'float32') });
    const file = `d/${readdirSync(join(dir, 'd'))[0]!}`;
    const before = readFileSync(join(dir, file));
    const bomb = frame(0x00, [0x58], rle(8000));
    const meta =
      '{"chunks":[2048,2048],"compressor":{"id":"zstd","level":1},"dimension_separator":".","dtype":"<f4","fill_value":null,"filters":null,"order":"C","shape":[2048,2048],"zarr_format":2}';
    const u8 = (s: string): Uint8Array => new TextEncoder().encode(s);
    const node = encodeLeafNode(
      [
        { key: u8('w/.zarray'), inline: u8(meta) },
        { key: u8('w/0.0'), offset: before.length, length: bomb.length },
      ],
      file,
    );
    writeFileSync(join(dir, file), Buffer.concat([before, bomb, node]));
    writeFileSync(
      join(dir, 'manifest.ocdbt'),
      encodeManifest({
        dataFile: file,
        root: { offset: before.length + bomb.length, length: node.length },
        numKeys: 2,
        indirectBytes: bomb.length,
        commitTimeNs: 0n,
        uuid: new Uint8Array(16),
      }),
    );
    for (const cache of [0, 1 << 26]) {
      const ckpt = await openOrbaxCheckpoint(dir, { chunkCacheBytes: cache });
      const t = ckpt.tensor('w');
      refuse(`8000 RLE blocks in a lazy 16 MiB chunk (cache ${cache})`, () => t.readBytes(0, new Uint8Array(1 << 20)), /^E_FORMAT_LIMIT$/);
      await ckpt.close();
    }
  });

  it('reports the counts', () => {
    console.log(`zstd bombs refused: ${results.length}\n  ${results.join('\n  ')}`);
    expect(results.length).toBe(z.zstdCompressSync !== undefined ? 11 : 10);
  });
});
