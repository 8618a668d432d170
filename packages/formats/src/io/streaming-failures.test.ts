import { Tensor, transpose } from '@interop/core';
import { mkdtemp, open, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openFlaxMsgpack,
  saveEqxLeaves,
  saveFlaxMsgpack,
  saveNpy,
  saveNpz,
  saveSafetensors,
  writeEqxLeaves,
  writeFlaxMsgpack,
  writeNpy,
} from '../index.js';
import type { StreamWriteOptions } from '../index.js';

const SIZE = 512;

/** A msgpack file of two float32 [512, 512] kernels (1 MiB each), and its directory. */
async function checkpoint(): Promise<{ dir: string; input: string; a: Tensor; b: Tensor }> {
  const dir = await mkdtemp(join(tmpdir(), 'streaming-fail-'));
  const input = join(dir, 'in.msgpack');
  const values = (k: number): Float32Array => new Float32Array(SIZE * SIZE).map((_, i) => i * k);
  const a = new Tensor('float32', [SIZE, SIZE], values(1));
  const b = new Tensor('float32', [SIZE, SIZE], values(-2));
  await writeFile(
    input,
    writeFlaxMsgpack(
      new Map([
        [
          'params',
          new Map([
            ['a', a],
            ['b', b],
          ]),
        ],
      ]),
    ),
  );
  return { dir, input, a, b };
}

type Save = (out: string, tensors: Tensor[], options: StreamWriteOptions) => Promise<void>;
const SAVERS: Record<string, Save> = {
  eqx: (out, ts, o) => saveEqxLeaves(out, ts, o),
  msgpack: (out, ts, o) => saveFlaxMsgpack(out, new Map(ts.map((t, i) => [`t${i}`, t])), o),
  npy: (out, ts, o) => saveNpy(out, ts[ts.length - 1]!, o),
  npz: (out, ts, o) => saveNpz(out, new Map(ts.map((t, i) => [`t${i}`, t])), o),
  safetensors: (out, ts, o) => saveSafetensors(out, new Map(ts.map((t, i) => [`t${i}`, t])), null, o),
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a failure halfway through a streaming write', () => {
  for (const [name, save] of Object.entries(SAVERS)) {
    it(`${name}: an input found truncated while streaming leaves no output and no temporary file`, async () => {
      const { dir, input } = await checkpoint();
      const file = await openFlaxMsgpack(input);
      try {
        const tensors = [transpose(file.tensor('params/a'), [1, 0]), transpose(file.tensor('params/b'), [1, 0])];
        await truncate(input, 1_500_000);
        const out = join(dir, `out.${name}`);
        await expect(save(out, tensors, { blockBytes: 1 << 16 })).rejects.toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
        expect(await readdir(dir)).toEqual(['in.msgpack']);
      } finally {
        await file.close();
      }
    });

    it(`${name}: a disk that fills up leaves the old output as it was and no temporary file`, async () => {
      const { dir, input } = await checkpoint();
      const out = join(dir, `out.${name}`);
      await writeFile(out, 'old');
      const file = await openFlaxMsgpack(input);
      const probe = await open(input, 'r');
      const proto = Object.getPrototypeOf(probe) as FileHandle;
      await probe.close();
      const write = proto.write;
      let budget = 700_000;
      vi.spyOn(proto, 'write').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
        const bytes = args[0] as Uint8Array;
        const length = typeof args[2] === 'number' ? args[2] : bytes.length;
        budget -= length;
        if (budget < 0) {
          return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        }
        return (write as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      } as FileHandle['write']);
      try {
        const tensors = [transpose(file.tensor('params/a'), [1, 0]), file.tensor('params/b')];
        await expect(save(out, tensors, { blockBytes: 1 << 16 })).rejects.toMatchObject({ code: 'E_IO' });
        expect((await readdir(dir)).sort()).toEqual(['in.msgpack', `out.${name}`]);
        expect(await readFile(out, 'utf8')).toBe('old');
      } finally {
        await file.close();
      }
    });
  }
});

describe('streaming writes', () => {
  it('report progress per block up to the file size, and write what the in-memory writer writes', async () => {
    const { dir, input, a, b } = await checkpoint();
    const file = await openFlaxMsgpack(input);
    try {
      const events: Array<{ done: number; total: number }> = [];
      const out = join(dir, 'out.eqx');
      const leaves = [transpose(file.tensor('params/a'), [1, 0]), file.tensor('params/b'), 0.5, true];
      await saveEqxLeaves(out, leaves, { blockBytes: 1 << 18, onProgress: (p) => events.push(p) });
      const bytes = await readFile(out);
      expect(bytes.equals(Buffer.from(writeEqxLeaves([transpose(a, [1, 0]), b, 0.5, true])))).toBe(true);
      expect(events.length).toBeGreaterThan(8);
      expect(events.every((e, i) => e.total === bytes.length && (i === 0 || e.done >= events[i - 1]!.done))).toBe(true);
      expect(events[events.length - 1]!.done).toBe(bytes.length);
      expect(file.tensor('params/a').isLazy).toBe(true);
    } finally {
      await file.close();
    }
  });

  it('write a tensor in many small blocks, in order', async () => {
    const { dir, input, a } = await checkpoint();
    const file = await openFlaxMsgpack(input);
    try {
      let events = 0;
      await saveNpy(join(dir, 'a.npy'), transpose(file.tensor('params/a'), [1, 0]), { blockBytes: 4096, onProgress: () => events++ });
      expect((await readFile(join(dir, 'a.npy'))).equals(Buffer.from(writeNpy(transpose(a, [1, 0]))))).toBe(true);
      expect(events).toBeGreaterThan(256);
    } finally {
      await file.close();
    }
  });

  it('refuse to read a lazy tensor once its file is closed (its descriptor may belong to another file by then)', async () => {
    const { input } = await checkpoint();
    const file = await openFlaxMsgpack(input);
    const kernel = file.tensor('params/a');
    await file.close();
    const other = await open(input, 'r');
    try {
      expect(() => kernel.data).toThrow(expect.objectContaining({ code: 'E_IO' }));
    } finally {
      await other.close();
    }
  });

  it('refuse to write over the file the tensors are read from', async () => {
    const { input } = await checkpoint();
    const file = await openFlaxMsgpack(input);
    try {
      await expect(saveFlaxMsgpack(input, file.lazyTree(), { inputs: [input] })).rejects.toMatchObject({ code: 'E_OUTPUT_IS_INPUT' });
    } finally {
      await file.close();
    }
  });
});
