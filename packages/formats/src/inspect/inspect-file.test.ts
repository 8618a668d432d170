import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { writeEqxLeaves } from '../eqx/eqx-leaves.js';
import { writeNpy } from '../npy/write-npy.js';
import { writeSafetensors } from '../safetensors/write-safetensors.js';
import { inspectFile } from './inspect-file.js';

const FIXTURES = new URL('../../../../tooling/conformance/fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'interop-inspect-'));
const a = Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
const b = Tensor.fromArray([1, 2], [2], 'bfloat16');

describe('inspectFile', () => {
  it('lists a Flax msgpack written by real Flax (layers_linen Dense)', async () => {
    const manifest = JSON.parse(await readFile(join(FIXTURES, 'layers_linen/dense.json'), 'utf8'));
    const info = await inspectFile(join(FIXTURES, 'layers_linen', manifest.files.checkpoint));
    expect(info.format).toBe('msgpack');
    expect(info.arrays.map((x) => x.path).sort()).toEqual(['params/bias', 'params/kernel']);
    expect(info.parameterBytes).toBe(info.arrays.reduce((n, x) => n + x.byteLength, 0));
  });

  it('tells one npy record from an Equinox leaf stream', async () => {
    writeFileSync(join(dir, 'one.npy'), writeNpy(a));
    writeFileSync(join(dir, 'model.eqx'), writeEqxLeaves([a, b]));
    expect((await inspectFile(join(dir, 'one.npy'))).format).toBe('npy');
    const eqx = await inspectFile(join(dir, 'model.eqx'));
    expect(eqx.format).toBe('eqx');
    expect(eqx.arrays).toEqual([
      { path: 'leaf 0', dtype: 'float32', shape: [2, 3], byteLength: 24 },
      { path: 'leaf 1', dtype: 'bfloat16', shape: [2], byteLength: 4 },
    ]);
    expect(eqx.parameterCount).toBe(8);
  });

  it('lists safetensors from the header alone', async () => {
    writeFileSync(
      join(dir, 'w.safetensors'),
      writeSafetensors(
        new Map<string, Tensor>([
          ['w', a],
          ['b', b],
        ]),
      ),
    );
    const info = await inspectFile(join(dir, 'w.safetensors'));
    expect(info.format).toBe('safetensors');
    expect(info.arrays.map((x) => [x.path, x.dtype, x.shape])).toEqual(
      expect.arrayContaining([
        ['w', 'float32', [2, 3]],
        ['b', 'bfloat16', [2]],
      ]),
    );
  });

  it('rejects unknown, truncated and missing files with codes', async () => {
    writeFileSync(join(dir, 'x.txt'), 'hello world, not a checkpoint');
    await expect(inspectFile(join(dir, 'x.txt'))).rejects.toMatchObject({ code: 'E_FORMAT_MAGIC' });
    const whole = writeEqxLeaves([a, b]);
    writeFileSync(join(dir, 'cut.eqx'), whole.subarray(0, whole.length - 3));
    await expect(inspectFile(join(dir, 'cut.eqx'))).rejects.toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
    await expect(inspectFile(join(dir, 'missing.msgpack'))).rejects.toMatchObject({ code: 'E_IO' });
  });
});
