// Both write paths on every golden checkpoint file: the whole-in-memory readers and writers, and
// the lazy readers (file handles) with the streaming writers, as read and with pending layout
// steps (transpose, reorder, add), must give the same bytes; a file the eager reader refuses is
// refused the same way, leaving nothing behind.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteropError, Tensor, addScalar, concat, sliceAxis, transpose } from '@interop/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenFiles } from '../../test/golden-files.js';
import type { GoldenFile, GoldenKind } from '../../test/golden-files.js';
import {
  openEqxLeaves,
  openFlaxMsgpack,
  openNpy,
  openNpz,
  openSafetensors,
  readFlaxMsgpack,
  readNpy,
  readNpz,
  readSafetensors,
  saveEqxLeaves,
  saveFlaxMsgpack,
  saveNpy,
  saveNpz,
  saveSafetensors,
  splitNpyStream,
  writeEqxLeaves,
  writeFlaxMsgpack,
  writeNpy,
  writeNpz,
  writeSafetensors,
} from '../index.js';
import type { MsgpackValue } from '../index.js';

type Step = (t: Tensor) => Tensor;
const asRead: Step = (t) => t;
/** Pending steps of every kind the lazy tensor records, where the tensor allows them. */
const reshaped: Step = (t) => {
  let y =
    t.ndim >= 2
      ? transpose(
          t,
          t.shape.map((_, i) => t.ndim - 1 - i),
        )
      : t;
  if (y.ndim >= 1 && y.shape[0]! >= 2) {
    const half = Math.floor(y.shape[0]! / 2);
    y = concat([sliceAxis(y, 0, half, y.shape[0]!), sliceAxis(y, 0, 0, half)], 0);
  }
  return y.dtype === 'bool' || y.ndim !== 1 ? y : addScalar(y, 3);
};

function mapTree(v: MsgpackValue, step: Step): MsgpackValue {
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, mapTree(x, step)]));
  if (Array.isArray(v)) return v.map((x) => mapTree(x, step));
  return v instanceof Tensor ? step(v) : v;
}

// Tiny blocks make even small fixtures stream in many blocks (a tensor's boxes cut mid-row).
const small = { fsync: false, blockBytes: 96 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'streaming-golden-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Eager bytes for a file and a step, or the code the eager reader throws. */
type Eager = (bytes: Uint8Array, step: Step) => Uint8Array[];
/** The streaming writes of the same, each to its own output path. */
type Lazy = (path: string, step: Step, outs: string[]) => Promise<void>;

const PATHS: Record<GoldenKind, { eager: Eager; lazy: Lazy; outputs: number }> = {
  msgpack: {
    outputs: 2,
    eager: (bytes, step) => {
      const tree = mapTree(readFlaxMsgpack(bytes), step);
      return [writeFlaxMsgpack(tree), writeFlaxMsgpack(tree, { maxChunkBytes: 24 })];
    },
    lazy: async (path, step, [a, b]) => {
      const file = await openFlaxMsgpack(path);
      try {
        const tree = mapTree(file.lazyTree(), step);
        await saveFlaxMsgpack(a!, tree, small);
        await saveFlaxMsgpack(b!, tree, { ...small, maxChunkBytes: 24, blockBytes: 16 });
      } finally {
        await file.close();
      }
    },
  },
  npy: {
    outputs: 1,
    eager: (bytes, step) => [writeNpy(step(readNpy(bytes)))],
    lazy: async (path, step, [a]) => {
      const file = await openNpy(path);
      try {
        await saveNpy(a!, step(file.tensor), small);
      } finally {
        await file.close();
      }
    },
  },
  eqx: {
    outputs: 1,
    eager: (bytes, step) => [writeEqxLeaves(splitNpyStream(bytes).map((r) => step(r.tensor)))],
    lazy: async (path, step, [a]) => {
      const file = await openEqxLeaves(path);
      try {
        await saveEqxLeaves(a!, file.leaves.map(step), small);
      } finally {
        await file.close();
      }
    },
  },
  npz: {
    outputs: 2,
    eager: (bytes, step) => {
      const arrays = new Map([...readNpz(bytes)].map(([k, t]) => [k, step(t)]));
      return [writeNpz(arrays), writeNpz(arrays, { compress: true })];
    },
    lazy: async (path, step, [a, b]) => {
      const file = await openNpz(path);
      try {
        const arrays = new Map([...file.arrays].map(([k, t]) => [k, step(t)]));
        await saveNpz(a!, arrays, small);
        await saveNpz(b!, arrays, { ...small, compress: true });
      } finally {
        await file.close();
      }
    },
  },
  safetensors: {
    outputs: 1,
    eager: (bytes, step) => {
      const { tensors, metadata } = readSafetensors(bytes);
      return [writeSafetensors(new Map([...tensors].map(([k, t]) => [k, step(t)])), metadata)];
    },
    lazy: async (path, step, [a]) => {
      const file = await openSafetensors(path);
      try {
        await saveSafetensors(a!, new Map([...file.tensors].map(([k, t]) => [k, step(t)])), file.metadata, small);
      } finally {
        await file.close();
      }
    },
  },
};

async function checkFile(f: GoldenFile, step: Step, index: number): Promise<void> {
  const paths = PATHS[f.kind];
  const here = join(dir, `${f.group}-${f.kind}-${index}`);
  await mkdir(here);
  const outs = Array.from({ length: paths.outputs }, (_, k) => join(here, `out-${k}.${f.kind}`));
  let expected: Uint8Array[];
  try {
    expected = paths.eager(new Uint8Array(readFileSync(f.path)), step);
  } catch (e) {
    if (!(e instanceof InteropError)) throw e;
    await expect(paths.lazy(f.path, step, outs), f.path).rejects.toMatchObject({ code: e.code });
    expect(await readdir(here), f.path).toEqual([]);
    await rm(here, { recursive: true });
    return;
  }
  await paths.lazy(f.path, step, outs);
  for (const [k, out] of outs.entries()) {
    const got = await readFile(out);
    expect(Buffer.from(expected[k]!).equals(got), `${f.path} (output ${k})`).toBe(true);
  }
  await rm(here, { recursive: true });
}

const files = goldenFiles();
const groups = [...new Set(files.map((f) => `${f.group}/${f.kind}`))];

describe('streaming writers give the bytes of the in-memory writers on every golden file', () => {
  it('finds the golden checkpoints of every format', () => {
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(['msgpack', 'npy', 'npz', 'safetensors', 'eqx']));
  });
  for (const g of groups) {
    it(g, { timeout: 240_000 }, async () => {
      const mine = files.filter((x) => `${x.group}/${x.kind}` === g);
      // Files in batches, so that the file system's waits overlap.
      for (let i = 0; i < mine.length; i += 16) {
        await Promise.all(
          mine.slice(i, i + 16).map(async (f, k) => {
            await checkFile(f, asRead, 2 * (i + k));
            await checkFile(f, reshaped, 2 * (i + k) + 1);
          }),
        );
      }
    });
  }
});
