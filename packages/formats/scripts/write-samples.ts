/**
 * Writes sample files with this package's writers, plus `manifest.json` describing the values, so
 * that `tooling/conformance/check_formats.py` can load them with the real Python libraries.
 *
 *     node --conditions=@interop/source --import tsx packages/formats/scripts/write-samples.ts [dir]
 *
 * Prints the directory it wrote.
 */
import { Tensor } from '@interop/core';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  ComplexValue,
  NumpyScalar,
  saveFlaxMsgpack,
  writeBytesAtomic,
  writeEqxLeaves,
  writeFlaxMsgpack,
  writeNpy,
  writeNpz,
  writeSafetensors,
} from '../src/index.js';
import type { EqxLeaf, MsgpackInput } from '../src/index.js';
import { writeOrbaxSamples } from './write-orbax-samples.js';

const hex = (t: Tensor): string => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
const rec = (t: Tensor): object => ({ dtype: t.dtype, shape: [...t.shape], hex: hex(t) });
const seq = (n: number, scale = 0.37): number[] => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * scale * (i + 1));

const arrays: Record<string, Tensor> = {
  f32: Tensor.fromArray(seq(12), [3, 4], 'float32'),
  f64: Tensor.fromArray(seq(5), [5], 'float64'),
  f16: Tensor.fromArray(seq(6), [2, 3], 'float16'),
  bf16: Tensor.fromArray(seq(6), [3, 2], 'bfloat16'),
  i8: Tensor.fromArray([-128, -1, 0, 127], [4], 'int8'),
  i32: Tensor.fromArray([-5, 7], [1, 2], 'int32'),
  i64: Tensor.fromArray([-(2n ** 62n), 2n ** 62n], [2], 'int64'),
  u8: Tensor.fromArray([0, 255], [2], 'uint8'),
  u16: Tensor.fromArray([1, 65535], [2], 'uint16'),
  u64: Tensor.fromArray([2n ** 64n - 1n], [1], 'uint64'),
  bool: Tensor.fromArray([1, 0, 1], [3], 'bool'),
  scalar: Tensor.fromArray([2.5], [], 'float32'),
  empty: Tensor.zeros([0, 2], 'float32'),
};

async function main(): Promise<void> {
  const dir = process.argv[2] ? resolve(process.argv[2]) : await mkdtemp(join(tmpdir(), 'interop-formats-'));
  await mkdir(dir, { recursive: true });
  const manifest: Record<string, unknown> = { npy: {}, msgpack: {}, eqx: {}, npz: {}, safetensors: {} };

  for (const [name, t] of Object.entries(arrays)) {
    await writeBytesAtomic(join(dir, `${name}.npy`), writeNpy(t));
    (manifest['npy'] as Record<string, object>)[`${name}.npy`] = rec(t);
  }

  const tree = new Map<string, MsgpackInput>([
    [
      'params',
      new Map<string, MsgpackInput>([
        [
          'Dense_0',
          new Map([
            ['kernel', arrays['f32']!],
            ['bias', Tensor.fromArray([0.5, -0.5, 1, 2], [4], 'float32')],
          ]),
        ],
        ['half', arrays['f16']!],
        ['bf16', arrays['bf16']!],
        ['ints', arrays['i32']!],
        ['mask', arrays['bool']!],
        ['zero_d', arrays['scalar']!],
        ['wide', arrays['i64']!],
      ]),
    ],
    ['step', 1234n],
    ['lr', 0.001],
    ['flag', true],
    ['none', null],
    ['name', 'interop'],
    ['blob', Uint8Array.of(0, 1, 2)],
    ['z', new ComplexValue(1.5, -2)],
    ['np_scalar', new NumpyScalar(Tensor.fromArray([0.25], [], 'float32'))],
    // An NNX pure dict: int keys (nnx.List indices) are written as strings, as to_bytes does.
    [
      'layers',
      new Map<number, MsgpackInput>([
        [0, new Map([['kernel', arrays['f16']!]])],
        [2, new Map([['scale', arrays['f64']!]])],
      ]),
    ],
  ]);
  await writeBytesAtomic(join(dir, 'flax.msgpack'), writeFlaxMsgpack(tree));
  await saveFlaxMsgpack(
    join(dir, 'chunked.msgpack'),
    new Map([
      ['a', arrays['f64']!],
      ['b', arrays['bf16']!],
    ]),
    { maxChunkBytes: 8 },
  );
  manifest['msgpack'] = {
    'flax.msgpack': {
      'params/Dense_0/kernel': rec(arrays['f32']!),
      'params/bf16': rec(arrays['bf16']!),
      'params/half': rec(arrays['f16']!),
      'params/ints': rec(arrays['i32']!),
      'params/mask': rec(arrays['bool']!),
      'params/zero_d': rec(arrays['scalar']!),
      'params/wide': rec(arrays['i64']!),
      'layers/0/kernel': rec(arrays['f16']!),
      'layers/2/scale': rec(arrays['f64']!),
      step: 1234,
      lr: 0.001,
      flag: true,
      name: 'interop',
      np_scalar: 0.25,
      z: [1.5, -2],
    },
    'chunked.msgpack': { a: rec(arrays['f64']!), b: rec(arrays['bf16']!) },
  };

  // Leaves of (eqx.nn.Linear(3, 2), eqx.nn.Dropout(p), bf16 array, {"a_int", "b_float", "c_bool"}).
  const weight = Tensor.fromArray(seq(6), [2, 3], 'float32');
  const bias = Tensor.fromArray([0.1, -0.2], [2], 'float32');
  const leaves: EqxLeaf[] = [weight, bias, 0.3, false, arrays['bf16']!, 7n, 2.5, true];
  await writeBytesAtomic(join(dir, 'model.eqx'), writeEqxLeaves(leaves));
  manifest['eqx'] = {
    'model.eqx': {
      weight: rec(weight),
      bias: rec(bias),
      p: 0.3,
      inference: false,
      bf16: rec(arrays['bf16']!),
      a_int: 7,
      b_float: 2.5,
      c_bool: true,
    },
  };

  const npzArrays = { w: arrays['f32']!, b: arrays['i64']!, h: arrays['bf16']!, m: arrays['bool']! };
  await writeBytesAtomic(join(dir, 'stored.npz'), writeNpz(npzArrays));
  await writeBytesAtomic(join(dir, 'deflated.npz'), writeNpz(npzArrays, { compress: true }));
  const npzRec = Object.fromEntries(Object.entries(npzArrays).map(([k, t]) => [k, rec(t)]));
  manifest['npz'] = { 'stored.npz': npzRec, 'deflated.npz': npzRec };

  const st = {
    'layer.weight': arrays['f32']!,
    'layer.bias': arrays['f64']!,
    emb: arrays['f16']!,
    bf: arrays['bf16']!,
    ids: arrays['i64']!,
    flags: arrays['bool']!,
    s: arrays['scalar']!,
  };
  await writeBytesAtomic(join(dir, 'model.safetensors'), writeSafetensors(st, { format: 'np', source: 'interop' }));
  manifest['safetensors'] = {
    'model.safetensors': {
      tensors: Object.fromEntries(Object.entries(st).map(([k, t]) => [k, rec(t)])),
      metadata: { format: 'np', source: 'interop' },
    },
  };

  // Orbax checkpoints (restored by tooling/conformance/check_orbax.py).
  await writeOrbaxSamples(join(dir, 'orbax'));

  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  process.stdout.write(`${dir}\n`);
}

await main();
