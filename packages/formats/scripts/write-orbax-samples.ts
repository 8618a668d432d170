/**
 * Writes Orbax checkpoints with `saveOrbaxCheckpoint`, plus `orbax.json` describing every array,
 * so that `tooling/conformance/check_orbax.py` can restore them with real Orbax and compare.
 *
 *     node --conditions=@interop/source --import tsx packages/formats/scripts/write-orbax-samples.ts DIR
 */
import { Tensor } from '@interop/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NumpyScalar, saveOrbaxCheckpoint } from '../src/index.js';
import type { MsgpackInput } from '../src/index.js';

const hex = (t: Tensor): string => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
const rec = (t: Tensor): object => ({ dtype: t.dtype, shape: [...t.shape], hex: hex(t) });
const seq = (n: number, scale = 0.37): number[] => Array.from({ length: n }, (_, i) => Math.sin(i + 1) * scale * (i + 1));

/** The state of `nnx.Sequential(nnx.Linear(4, 3), nnx.LayerNorm(3))` with our own values. */
function nnxState(leafName: 'value' | null): Map<string, MsgpackInput> {
  const v = (t: Tensor): MsgpackInput => (leafName ? new Map([[leafName, t]]) : t);
  return new Map([
    [
      'layers',
      new Map<string, MsgpackInput>([
        [
          '0',
          new Map([
            ['bias', v(Tensor.fromArray(seq(3, 0.1), [3], 'float32'))],
            ['kernel', v(Tensor.fromArray(seq(12), [4, 3], 'float32'))],
          ]),
        ],
        [
          '1',
          new Map([
            ['bias', v(Tensor.fromArray(seq(3, 0.2), [3], 'float32'))],
            ['scale', v(Tensor.fromArray([1, 1.5, 0.5], [3], 'float32'))],
          ]),
        ],
      ]),
    ],
  ]);
}

function arrays(tree: MsgpackInput, prefix = '', out: Record<string, object> = {}): Record<string, object> {
  if (tree instanceof Tensor) out[prefix] = rec(tree);
  else if (tree instanceof Map) for (const [k, v] of tree) arrays(v, prefix ? `${prefix}/${k}` : String(k), out);
  else if (Array.isArray(tree)) tree.forEach((v, i) => arrays(v, prefix ? `${prefix}/${i}` : String(i), out));
  return out;
}

/** Writes every sample checkpoint and `orbax.json` into `dir`. */
export async function writeOrbaxSamples(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const dtypes = new Map<string, MsgpackInput>([
    ['f32', Tensor.fromArray(seq(12), [3, 4], 'float32')],
    ['f64', Tensor.fromArray(seq(5), [5], 'float64')],
    ['f16', Tensor.fromArray(seq(6), [2, 3], 'float16')],
    ['bf16', Tensor.fromArray(seq(6), [3, 2], 'bfloat16')],
    ['i8', Tensor.fromArray([-128, -1, 0, 127], [4], 'int8')],
    ['i32', Tensor.fromArray([-5, 7], [1, 2], 'int32')],
    ['i64', Tensor.fromArray([-(2n ** 62n), 2n ** 62n], [2], 'int64')],
    ['u64', Tensor.fromArray([2n ** 64n - 1n], [1], 'uint64')],
    ['i16', Tensor.fromArray([-300, 300], [2], 'int16')],
    ['u16', Tensor.fromArray([1, 65535], [2], 'uint16')],
    ['u8', Tensor.fromArray([0, 255], [2], 'uint8')],
    ['u32', Tensor.fromArray([0, 4294967295], [2], 'uint32')],
    ['bool', Tensor.fromArray([1, 0, 1], [3], 'bool')],
    ['zero_d', Tensor.fromArray([2.5], [], 'float32')],
    ['big', Tensor.fromArray(seq(40 * 30), [40, 30], 'float32')],
    [
      'layers',
      [new Map([['w', Tensor.fromArray(seq(4), [2, 2], 'float32')]]), new Map([['w', Tensor.fromArray(seq(4, 2), [2, 2], 'float32')]])],
    ],
  ]);
  const scalars = {
    step: 1234n,
    lr: 0.001,
    np_f32: new NumpyScalar(Tensor.fromArray([0.25], [], 'float32')),
    name: 'interop',
    none: null,
    empty: new Map(),
  };
  const cases: Record<string, { tree: MsgpackInput; options?: object; nnx?: 'state' | 'pure'; scalars?: Record<string, unknown> }> = {
    'nnx-state': { tree: nnxState('value'), nnx: 'state' },
    'nnx-pure': { tree: nnxState(null), nnx: 'pure' },
    dtypes: { tree: dtypes },
    'dtypes-numpy': { tree: dtypes, options: { arrayType: 'np.ndarray' } },
    'dtypes-files': { tree: dtypes, options: { layout: 'files' } },
    'multi-chunk': {
      tree: new Map<string, MsgpackInput>([
        ['m', Tensor.fromArray(seq(32 * 16), [32, 16], 'float32')],
        ['v', Tensor.fromArray(seq(64), [64], 'bfloat16')],
      ]),
      options: { maxChunkBytes: 512 },
    },
    scalars: {
      tree: new Map(Object.entries(scalars)) as Map<string, MsgpackInput>,
      scalars: { step: 1234, lr: 0.001, np_f32: 0.25, name: 'interop', none: null, empty: {} },
    },
  };
  const manifest: Record<string, object> = {};
  for (const [name, c] of Object.entries(cases)) {
    await saveOrbaxCheckpoint(join(dir, name), c.tree, c.options ?? {});
    manifest[name] = { arrays: arrays(c.tree), nnx: c.nnx ?? null, scalars: c.scalars ?? {}, options: c.options ?? {} };
  }
  await writeFile(join(dir, 'orbax.json'), `${JSON.stringify(manifest, null, 1)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? 'orbax-samples');
  await writeOrbaxSamples(dir);
  console.log(dir);
}
