// The codecs' streaming members on every golden checkpoint file: openSource gives the tree of
// open with lazy tensors and reads nothing until written, layout lays it out with the arrays list
// gives and writes the bytes of write; a file open refuses is refused the same way.
import { readFileSync } from 'node:fs';
import { InteropError, Tensor, layoutBytes } from '@interop/core';
import type { FileSource, FormatCodec, TensorTree } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { goldenFiles } from '../../test/golden-files.js';
import { memorySource } from '../msgpack/byte-source.js';
import { NumpyScalar } from '../msgpack/values.js';
import { FORMAT_CODECS, eqxCodec, msgpackCodec, npyCodec, npzCodec, safetensorsCodec } from './index.js';

const byId: Record<string, FormatCodec> = {
  msgpack: msgpackCodec,
  npy: npyCodec,
  npz: npzCodec,
  safetensors: safetensorsCodec,
  eqx: eqxCodec,
};

/** Every tensor of a tree, NumpyScalar ones included. */
function tensorsOf(tree: unknown, out: Tensor[] = []): Tensor[] {
  if (tree instanceof Tensor) out.push(tree);
  else if (tree instanceof NumpyScalar) out.push(tree.tensor);
  else if (tree instanceof Map) for (const v of tree.values()) tensorsOf(v, out);
  else if (Array.isArray(tree)) for (const v of tree) tensorsOf(v, out);
  return out;
}

/** A source that counts the bytes read through `readInto`, to show nothing is read before it is needed. */
function countingSource(bytes: Uint8Array): FileSource & { readBytes: number } {
  const inner = memorySource(bytes);
  const s = {
    size: bytes.length,
    readBytes: 0,
    read: (offset: number, length: number) => inner.read(offset, length),
    readInto(offset: number, target: Uint8Array) {
      s.readBytes += target.length;
      target.set(inner.read(offset, target.length));
    },
  };
  return s;
}

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('the codecs stream every golden file', () => {
  for (const file of goldenFiles()) {
    const codec = byId[file.kind]!;
    it(`${file.group}/${file.path.split('/').at(-1)}`, async () => {
      const bytes = new Uint8Array(readFileSync(file.path));
      const refused = caught(() => codec.open(bytes));
      if (!codec.openSource) {
        // npz: no lazy opening; its layout writes what write writes.
        if (refused) return;
        const tree = codec.open(bytes);
        expect(await layoutBytes(codec.layout!(tree))).toEqual(codec.write(tree));
        return;
      }
      if (refused) {
        expect(refused).toBeInstanceOf(InteropError);
        expect(caught(() => codec.openSource!(memorySource(bytes)))).toMatchObject({ code: (refused as InteropError).code });
        return;
      }
      const source = countingSource(bytes);
      const lazy: TensorTree = codec.openSource(source);
      const tensors = tensorsOf(lazy);
      expect(tensors.every((t) => t.isLazy)).toBe(true);
      const layout = codec.layout!(lazy);
      expect(source.readBytes).toBe(0);
      expect(layout.arrays).toEqual(codec.list(memorySource(bytes)).map((a) => ({ ...a, shape: [...a.shape] })));
      const streamed = await layoutBytes(layout);
      const eager = codec.open(bytes);
      expect(streamed).toEqual(codec.write(eager));
      expect(tensorsOf(eager).map((t) => [...t.bytes()])).toEqual(tensors.map((t) => [...t.bytes()]));
    });
  }
});

describe('codec layouts', () => {
  it('are what write writes, eager tensors and Python scalars included', async () => {
    const w = Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
    const b = Tensor.fromArray([1, 2], [2], 'bfloat16');
    const named = new Map<string, Tensor>([
      ['w', w],
      ['b', b],
    ]);
    const cases: Array<[FormatCodec, TensorTree]> = [
      [
        msgpackCodec,
        new Map([
          [
            'params',
            new Map<string, unknown>([
              ['kernel', w],
              ['bias', b],
              ['step', 3],
            ]),
          ],
        ]),
      ],
      [safetensorsCodec, named],
      [npzCodec, named],
      [eqxCodec, [w, b, 0.5, true, 7n]],
      [npyCodec, w],
      [
        msgpackCodec,
        new Map<unknown, unknown>([
          [
            'layers',
            new Map<bigint, unknown>([
              [0n, new Map([['w', w]])],
              [300n, b],
            ]),
          ],
        ]) as TensorTree,
      ],
    ];
    for (const [codec, tree] of cases) expect(await layoutBytes(codec.layout!(tree)), codec.id).toEqual(codec.write(tree));
    expect(FORMAT_CODECS.every((c) => typeof c.layout === 'function')).toBe(true);
  });

  it('write bigint keys as msgpack integers, the smallest form that fits', () => {
    const bytes = msgpackCodec.write(
      new Map([
        [
          'l',
          new Map([
            [5n, 1],
            [300n, 2],
          ]),
        ],
      ]) as TensorTree,
    );
    // {'l': {5: 1.0, 300: 2.0}}: fixmap 1, fixstr 'l', fixmap 2, positive fixint 5, float64, uint16 300, float64.
    expect([...bytes.subarray(0, 5)]).toEqual([0x81, 0xa1, 0x6c, 0x82, 0x05]);
    expect([...bytes.subarray(14, 17)]).toEqual([0xcd, 0x01, 0x2c]);
  });

  it('refuse a truncated file when opening from a source, as open does', () => {
    const full = msgpackCodec.write(new Map([['w', Tensor.fromArray([1, 2, 3, 4], [4], 'float32')]]));
    const cut = full.subarray(0, full.length - 3);
    expect(caught(() => msgpackCodec.openSource!(memorySource(cut)))).toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
    const npy = npyCodec.write(Tensor.fromArray([1, 2], [2], 'float32'));
    expect(caught(() => npyCodec.openSource!(memorySource(npy.subarray(0, npy.length - 1))))).toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
    const two = new Uint8Array([...npy, ...npy]);
    expect(caught(() => npyCodec.openSource!(memorySource(two)))).toMatchObject({ code: 'E_FORMAT_CORRUPT' });
  });
});
