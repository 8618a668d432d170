import { Tensor } from '@interop/core';
import { InteropError } from '@interop/core';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../limits.js';
import { ByteWriter, encodeEnvelope, encodeLeafNode, encodeManifest } from './encode-ocdbt.js';
import { decodeManifest } from './manifest.js';
import { openOrbaxCheckpoint } from './open-orbax.js';
import { saveOrbaxCheckpoint } from './save-orbax.js';

const root = mkdtempSync(join(tmpdir(), 'orbax-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const uuid = new Uint8Array(16);
let n = 0;
const results: string[] = [];

/** A fresh valid checkpoint (one float32 [4] array `w`, one 40x30 array `big` out of line). */
async function fresh(): Promise<string> {
  const dir = join(root, `c${n++}`);
  await saveOrbaxCheckpoint(dir, { w: Tensor.fromArray([1, 2, 3, 4], [4], 'float32'), big: Tensor.zeros([40, 30], 'float32') });
  return dir;
}
const dataFile = (dir: string): string => `d/${readdirSync(join(dir, 'd'))[0]!}`;

async function refuse(name: string, dir: string, code: RegExp, load = true): Promise<void> {
  const start = performance.now();
  let err: unknown;
  try {
    const ckpt = await openOrbaxCheckpoint(dir);
    try {
      if (load) await ckpt.loadTree();
    } finally {
      await ckpt.close();
    }
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - start;
  expect(err, name).toBeInstanceOf(InteropError);
  expect((err as InteropError).code, `${name}: ${(err as Error).message}`).toMatch(code);
  expect(ms, name).toBeLessThan(5000);
  results.push(`${name}: ${(err as InteropError).code} in ${ms.toFixed(1)} ms`);
  if (load) await refuseLazily(name, dir, code);
}

const lazyResults: string[] = [];

/** The same directory read through lazy tensors (`lazyTree`, every tensor's bytes read in 1 KiB blocks). */
async function refuseLazily(name: string, dir: string, code: RegExp): Promise<void> {
  const start = performance.now();
  let err: unknown;
  try {
    const ckpt = await openOrbaxCheckpoint(dir, { chunkCacheBytes: 0 });
    try {
      const walk = (v: unknown): void => {
        if (v instanceof Map) for (const x of v.values()) walk(x);
        else if (Array.isArray(v)) for (const x of v) walk(x);
        else if (v instanceof Tensor)
          for (let at = 0; at < v.byteLength; at += 1024) v.readBytes(at, new Uint8Array(Math.min(1024, v.byteLength - at)));
      };
      walk(ckpt.lazyTree());
    } finally {
      await ckpt.close();
    }
  } catch (e) {
    err = e;
  }
  const ms = performance.now() - start;
  expect(err, `${name} (lazy)`).toBeInstanceOf(InteropError);
  expect((err as InteropError).code, `${name} (lazy): ${(err as Error).message}`).toMatch(code);
  expect(ms, `${name} (lazy)`).toBeLessThan(5000);
  lazyResults.push(`${name}: ${(err as InteropError).code} in ${ms.toFixed(1)} ms`);
}

/** Writes a manifest pointing at `node` placed at the end of the data file. */
function pointAt(dir: string, node: Uint8Array, height = 0, file = dataFile(dir)): void {
  const path = join(dir, file);
  const before = readFileSync(path);
  writeFileSync(path, Buffer.concat([before, node]));
  writeFileSync(
    join(dir, 'manifest.ocdbt'),
    encodeManifest({
      dataFile: file,
      root: { offset: before.length, length: node.length },
      numKeys: 1,
      indirectBytes: 0,
      commitTimeNs: 0n,
      uuid,
    }),
  );
  if (height) patchHeight(dir, height);
}

function patchHeight(dir: string, height: number): void {
  const bytes = readFileSync(join(dir, 'manifest.ocdbt'));
  const body = new Uint8Array(bytes.subarray(14, bytes.length - 4));
  // uuid(16) kind(1) 1024(2) 1e8(4) arity(1) comp(1) table: 1, len, 0, path; then n=1, gen=1, height
  const at = 16 + 1 + 2 + 4 + 1 + 1 + 3 + body[16 + 1 + 2 + 4 + 1 + 1 + 1]! + 2;
  body[at] = height;
  writeFileSync(join(dir, 'manifest.ocdbt'), encodeEnvelope(0x0cdb3a2a, body));
}

/** An interior node (height h) with one child at (offset, length) of the data file `file`. */
function interior(h: number, file: string, offset: number, length: number): Uint8Array {
  const path = utf8(file);
  const w = new ByteWriter().u8(h).varint(1).varint(path.length).varint(0).bytes(path);
  w.varint(1).varint(1).varint(0).bytes(utf8('b')).varint(0).varint(offset).varint(length).varint(1).varint(1).varint(0);
  return encodeEnvelope(0x0cdb20de, w.finish());
}

/** A zstd frame of RLE blocks: `blocks` x 128 KiB of zeros, content size undeclared. */
function zstdBomb(blocks: number, declared?: number): Uint8Array {
  const w = new ByteWriter().bytes(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd));
  if (declared === undefined)
    w.u8(0x00).u8(0x58); // no FCS, window 2^(10+11) = 2 MiB
  else w.u8(0xa0).bytes(new Uint8Array(new Uint32Array([declared]).buffer)); // single segment, 4-byte FCS
  for (let i = 0; i < blocks; i++) {
    const last = i === blocks - 1 ? 1 : 0;
    const h = ((128 * 1024) << 3) | (1 << 1) | last;
    w.bytes(Uint8Array.of(h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff, 0));
  }
  return w.finish();
}

/** Replaces the value of `w/0` (inline) with `value`, compressor zstd. */
function withChunk(dir: string, value: Uint8Array, zarray?: string): void {
  const meta =
    zarray ??
    '{"chunks":[4],"compressor":{"id":"zstd","level":1},"dimension_separator":".","dtype":"<f4","fill_value":null,"filters":null,"order":"C","shape":[4],"zarr_format":2}';
  const file = dataFile(dir);
  const path = join(dir, file);
  const before = readFileSync(path);
  const entries = [
    { key: utf8('w/.zarray'), inline: utf8(meta) },
    { key: utf8('w/0'), offset: before.length, length: value.length },
  ];
  const node = encodeLeafNode(entries, file);
  writeFileSync(path, Buffer.concat([before, value, node]));
  writeFileSync(
    join(dir, 'manifest.ocdbt'),
    encodeManifest({
      dataFile: file,
      root: { offset: before.length + value.length, length: node.length },
      numKeys: 2,
      indirectBytes: value.length,
      commitTimeNs: 0n,
      uuid,
    }),
  );
  writeFileSync(
    join(dir, '_METADATA'),
    '{"tree_metadata":{"(\'w\',)":{"key_metadata":[{"key":"w","key_type":2}],"value_metadata":{"value_type":"np.ndarray","skip_deserialize":false}}},"use_ocdbt":true,"use_zarr3":false}',
  );
}

describe('hostile Orbax directories: each an E_FORMAT_* error, quickly, with no read outside', () => {
  it('path traversal in a data file name', async () => {
    const dir = await fresh();
    writeFileSync(join(root, 'outside'), readFileSync(join(dir, dataFile(dir))));
    const m = encodeManifest({
      dataFile: `../${'outside'}`,
      root: { offset: 0, length: 10 },
      numKeys: 1,
      indirectBytes: 0,
      commitTimeNs: 0n,
      uuid,
    });
    writeFileSync(join(dir, 'manifest.ocdbt'), m);
    await refuse('data file "../outside"', dir, /^E_FORMAT_CORRUPT$/);
    writeFileSync(
      join(dir, 'manifest.ocdbt'),
      encodeManifest({ dataFile: '/etc/passwd', root: { offset: 0, length: 10 }, numKeys: 1, indirectBytes: 0, commitTimeNs: 0n, uuid }),
    );
    await refuse('data file "/etc/passwd"', dir, /^E_FORMAT_CORRUPT$/);
  });

  it('a B+tree node naming a data file "d/../../x"', async () => {
    const dir = await fresh();
    pointAt(dir, interior(1, 'd/../../x', 0, 10), 1);
    await refuse('node data file "d/../../x"', dir, /^E_FORMAT_CORRUPT$/);
  });

  it('symlinks out of the directory (data file, _METADATA, zarr chunk file)', async () => {
    const dir = await fresh();
    const file = join(dir, dataFile(dir));
    const copy = join(root, `outside-${n}`);
    writeFileSync(copy, readFileSync(file));
    unlinkSync(file);
    symlinkSync(copy, file);
    await refuse('data file symlinked outside', dir, /^E_FORMAT_CORRUPT$/);
    const dir2 = await fresh();
    writeFileSync(join(root, 'meta-outside'), readFileSync(join(dir2, '_METADATA')));
    unlinkSync(join(dir2, '_METADATA'));
    symlinkSync(join(root, 'meta-outside'), join(dir2, '_METADATA'));
    await refuse('_METADATA symlinked outside', dir2, /^E_FORMAT_CORRUPT$/);
    const dir3 = join(root, `files${n++}`);
    await saveOrbaxCheckpoint(dir3, { w: Tensor.fromArray([1, 2], [2], 'float32') }, { layout: 'files' });
    writeFileSync(join(root, 'chunk-outside'), readFileSync(join(dir3, 'w', '0')));
    unlinkSync(join(dir3, 'w', '0'));
    symlinkSync(join(root, 'chunk-outside'), join(dir3, 'w', '0'));
    await refuse('chunk file symlinked outside', dir3, /^E_FORMAT_CORRUPT$/);
  });

  it('cycles and absurd heights in the B+tree', async () => {
    const dir = await fresh();
    const file = dataFile(dir);
    const at = readFileSync(join(dir, file)).length;
    let node = interior(1, file, at, 0);
    node = interior(1, file, at, node.length); // the same length: the node points at itself
    pointAt(dir, node, 1);
    await refuse('a node that is its own child', dir, /^E_FORMAT_CORRUPT$/);
    const dir2 = await fresh();
    patchHeight(dir2, 255);
    await refuse('root height 255', dir2, /^E_FORMAT_DEPTH$/);
    const dir3 = await fresh();
    const f3 = dataFile(dir3);
    const leaf = decodeManifest(readFileSync(join(dir3, 'manifest.ocdbt')), DEFAULT_LIMITS).root!;
    const two = new ByteWriter()
      .u8(1)
      .varint(1)
      .varint(utf8(f3).length)
      .varint(0)
      .bytes(utf8(f3))
      .varint(2)
      .varint(0)
      .varint(1)
      .varint(1)
      .varint(0)
      .varint(0)
      .bytes(utf8('ab'))
      .varint(0)
      .varint(0)
      .varint(leaf.offset)
      .varint(leaf.offset)
      .varint(leaf.length)
      .varint(leaf.length)
      .varint(1)
      .varint(1)
      .varint(1)
      .varint(1)
      .varint(0)
      .varint(0);
    pointAt(dir3, encodeEnvelope(0x0cdb20de, two.finish()), 1);
    await refuse('one node referenced by two children', dir3, /^E_FORMAT_CORRUPT$/);
  });

  it('references outside the data files and sizes that do not add up', async () => {
    const dir = await fresh();
    const file = dataFile(dir);
    const size = readFileSync(join(dir, file)).length;
    writeFileSync(
      join(dir, 'manifest.ocdbt'),
      encodeManifest({ dataFile: file, root: { offset: size - 5, length: 100 }, numKeys: 1, indirectBytes: 0, commitTimeNs: 0n, uuid }),
    );
    await refuse('root node past the end of its file', dir, /^E_FORMAT_CORRUPT$/);
    const dir2 = await fresh();
    const raw =
      '{"chunks":[4],"compressor":null,"dimension_separator":".","dtype":"<f4","fill_value":null,"filters":null,"order":"C","shape":[4],"zarr_format":2}';
    withChunk(dir2, new Uint8Array(20), raw);
    await refuse('raw chunk of 20 bytes for float32[4]', dir2, /^E_FORMAT_CORRUPT$/);
    const dir3 = await fresh();
    const m = readFileSync(join(dir3, 'manifest.ocdbt'));
    m[5]! ^= 1;
    writeFileSync(join(dir3, 'manifest.ocdbt'), m);
    await refuse('manifest length field off by 256', dir3, /^E_FORMAT_CORRUPT$/);
    const dir4 = await fresh();
    const m4 = readFileSync(join(dir4, 'manifest.ocdbt'));
    m4[30]! ^= 0x40;
    writeFileSync(join(dir4, 'manifest.ocdbt'), m4);
    await refuse('manifest byte flipped (CRC)', dir4, /^E_FORMAT_CORRUPT$/);
    const dir5 = await fresh();
    writeFileSync(join(dir5, 'manifest.ocdbt'), readFileSync(join(dir5, 'manifest.ocdbt')).subarray(0, 20));
    await refuse('manifest truncated', dir5, /^E_FORMAT_(CORRUPT|TRUNCATED)$/);
  });

  it('zstd bombs are bounded by the array metadata', async () => {
    const dir = await fresh();
    withChunk(dir, zstdBomb(1, 1_000_000_000));
    await refuse('zstd frame declaring 1 GB for float32[4]', dir, /^E_FORMAT_(LIMIT|CORRUPT)$/);
    const dir2 = await fresh();
    withChunk(dir2, zstdBomb(8000));
    await refuse('zstd frame of 8000 RLE blocks (1 GiB) without a declared size', dir2, /^E_FORMAT_LIMIT$/);
    const big =
      '{"chunks":[1000,1000],"compressor":{"id":"zstd","level":1},"dimension_separator":".","dtype":"<f4","fill_value":null,"filters":null,"order":"C","shape":[1000000000,1000000000],"zarr_format":2}';
    const dir3 = await fresh();
    withChunk(dir3, zstdBomb(1), big);
    await refuse('zarr shape of 10^18 elements', dir3, /^E_FORMAT_LIMIT$/, false);
  });

  it('reports the counts', () => {
    console.log(`hostile Orbax cases refused: ${results.length}\n  ${results.join('\n  ')}`);
    expect(results.length).toBe(17);
    console.log(`the same read through lazy tensors: ${lazyResults.length}\n  ${lazyResults.join('\n  ')}`);
    expect(lazyResults.length).toBe(16);
  });
});
