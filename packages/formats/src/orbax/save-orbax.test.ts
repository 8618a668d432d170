import { Tensor } from '@interop/core';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tensorHex } from '../../test/fixtures.js';
import { materialize, orbaxCases } from '../../test/orbax-fixtures.js';
import { LazyArray, NumpyScalar } from '../msgpack/values.js';
import type { MsgpackInput, MsgpackValue } from '../msgpack/values.js';
import { openOrbaxCheckpoint } from './open-orbax.js';
import { saveOrbaxCheckpoint } from './save-orbax.js';

const root = mkdtempSync(join(tmpdir(), 'orbax-save-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const seq = (n: number): number[] => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * (i + 1));
const tree = new Map<string, MsgpackInput>([
  ['f32', Tensor.fromArray(seq(12), [3, 4], 'float32')],
  ['bf16', Tensor.fromArray(seq(6), [3, 2], 'bfloat16')],
  ['f16', Tensor.fromArray(seq(6), [2, 3], 'float16')],
  ['i64', Tensor.fromArray([-(2n ** 62n), 5n], [2], 'int64')],
  ['big', Tensor.fromArray(seq(600), [20, 30], 'float32')],
  ['layers', [new Map([['w', Tensor.fromArray(seq(4), [2, 2], 'int32')]])]],
  ['step', 7n],
  ['lr', 0.5],
  ['half', new NumpyScalar(Tensor.fromArray([1.5], [], 'float32'))],
  ['name', 'x'],
  ['none', null],
]);

function hexes(v: MsgpackValue): unknown {
  if (v instanceof Tensor) return `${v.dtype}[${v.shape.join(',')}]${tensorHex(v)}`;
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, hexes(x)]));
  if (Array.isArray(v)) return v.map(hexes);
  return v;
}

describe('saveOrbaxCheckpoint', () => {
  for (const layout of ['ocdbt', 'files'] as const) {
    it(`${layout}: our reader gets every leaf back bit-exactly`, async () => {
      const dir = join(root, layout);
      await saveOrbaxCheckpoint(dir, tree, { layout, maxChunkBytes: 256 });
      const ckpt = await openOrbaxCheckpoint(dir);
      expect(ckpt.layout).toMatchObject({ format: 'orbax', ocdbt: layout === 'ocdbt', zarr: 2 });
      const back = await ckpt.loadTree();
      await ckpt.close();
      expect(hexes(back)).toEqual({ ...(hexes(tree as MsgpackValue) as object), step: 7n, lr: 0.5, half: 1.5 });
      expect(readdirSync(root).filter((n) => n.includes('tmp'))).toEqual([]);
    });
  }

  it('copies a golden Orbax checkpoint through its lazy leaves', async () => {
    const src = materialize(orbaxCases().find((c) => c.case === 'dtypes-zarr3')!);
    const from = await openOrbaxCheckpoint(src);
    const dir = join(root, 'copy');
    await saveOrbaxCheckpoint(dir, from.tree, { source: from, inputs: [src] });
    const a = await from.loadTree();
    await from.close();
    const b = await openOrbaxCheckpoint(dir);
    expect(hexes(await b.loadTree())).toEqual(hexes(a));
    await b.close();
    rmSync(src, { recursive: true, force: true });
  });

  it('leaves nothing behind on failure and refuses an existing directory unless told to overwrite', async () => {
    const lazy = new LazyArray('float32', [2], [], 'ndarray', 'w');
    await expect(
      saveOrbaxCheckpoint(
        join(root, 'fail'),
        new Map<string, MsgpackInput>([
          ['a', Tensor.fromArray([1], [1], 'float32')],
          ['w', lazy],
        ]),
      ),
    ).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
    expect(readdirSync(root).filter((n) => n.startsWith('fail'))).toEqual([]);
    const dir = join(root, 'twice');
    await saveOrbaxCheckpoint(dir, { a: Tensor.fromArray([1], [1], 'float32') });
    await expect(saveOrbaxCheckpoint(dir, { a: Tensor.fromArray([2], [1], 'float32') })).rejects.toMatchObject({ code: 'E_IO' });
    await saveOrbaxCheckpoint(dir, { a: Tensor.fromArray([2], [1], 'float32') }, { overwrite: true });
    const ckpt = await openOrbaxCheckpoint(dir);
    expect([...(await ckpt.load('a')).data]).toEqual([2]);
    await ckpt.close();
    expect(readdirSync(root).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('refuses values Orbax cannot hold', async () => {
    await expect(saveOrbaxCheckpoint(join(root, 'bad'), { 'a.b': 1 })).rejects.toMatchObject({ code: 'E_INVALID_ARGUMENT' });
    await expect(saveOrbaxCheckpoint(join(root, 'bad'), { a: Tensor.zeros([0], 'float32') })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
    await expect(saveOrbaxCheckpoint(join(root, 'bad'), { a: true as unknown as MsgpackInput })).rejects.toMatchObject({
      code: 'E_INVALID_ARGUMENT',
    });
  });
});
