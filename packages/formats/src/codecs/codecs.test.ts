import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../inspect/detect-format.js';
import { memorySource } from '../msgpack/byte-source.js';
import { readFlaxMsgpack } from '../msgpack/read-flax.js';
import { writeFlaxMsgpack } from '../msgpack/write-flax.js';
import { writeNpy } from '../npy/write-npy.js';
import { writeSafetensors } from '../safetensors/write-safetensors.js';
import { FORMAT_CODECS, eqxCodec, msgpackCodec, npyCodec, npzCodec, safetensorsCodec } from './index.js';

const w = Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
const b = Tensor.fromArray([1, 2], [2], 'bfloat16');
const detected = (bytes: Uint8Array) => FORMAT_CODECS.filter((c) => c.detect(bytes.subarray(0, 16))).map((c) => c.id);

describe('the shared codecs', () => {
  it('recognise their files from the first bytes, in the old detection order', () => {
    const tree = new Map([
      [
        'params',
        new Map<string, Tensor>([
          ['kernel', w],
          ['bias', b],
        ]),
      ],
    ]);
    expect(detected(writeFlaxMsgpack(tree))).toEqual(['msgpack']);
    expect(detected(writeSafetensors(new Map([['w', w]])))).toEqual(['safetensors']);
    expect(detected(writeNpy(w))).toEqual(['npy', 'eqx']);
    expect(detected(npzCodec.write(new Map([['w', w]])))).toEqual(['npz']);
    expect(detected(new TextEncoder().encode('hello world'))).toEqual([]);
    expect(detectFormat(writeNpy(w))).toBe('npy');
    expect(detectFormat(new Uint8Array())).toBeUndefined();
  });

  it('list arrays without loading them, and open what they write', () => {
    const tree = new Map([
      [
        'params',
        new Map<string, Tensor>([
          ['kernel', w],
          ['bias', b],
        ]),
      ],
    ]);
    const cases = [
      { codec: msgpackCodec, tree, paths: ['params/kernel', 'params/bias'] },
      {
        codec: safetensorsCodec,
        tree: new Map<string, Tensor>([
          ['w', w],
          ['b', b],
        ]),
        paths: ['w', 'b'],
      },
      { codec: eqxCodec, tree: [w, b], paths: ['leaf 0', 'leaf 1'] },
      {
        codec: npzCodec,
        tree: new Map<string, Tensor>([
          ['w', w],
          ['b', b],
        ]),
        paths: ['w', 'b'],
      },
      { codec: npyCodec, tree: w, paths: ['leaf 0'] },
    ];
    for (const { codec, tree: t, paths } of cases) {
      const bytes = codec.write(t);
      const listed = codec.list(memorySource(bytes));
      expect([...listed.map((a) => a.path)].sort(), codec.id).toEqual([...paths].sort());
      expect(codec.write(codec.open(bytes)), codec.id).toEqual(bytes);
    }
    expect(msgpackCodec.open(msgpackCodec.write(tree))).toEqual(readFlaxMsgpack(writeFlaxMsgpack(tree)));
  });

  it('tell an .npy (one record) from an Equinox stream by what it holds', () => {
    const one = npyCodec.list(memorySource(writeNpy(w)));
    const two = eqxCodec.list(memorySource(eqxCodec.write([w, b])));
    expect(npyCodec.fits!(one)).toBe(true);
    expect(npyCodec.fits!(two)).toBe(false);
    expect(eqxCodec.fits).toBeUndefined();
  });

  it('pass their read limits on', () => {
    const deep = writeFlaxMsgpack(new Map([['a', new Map([['b', new Map([['c', w]])]])]]));
    expect(() => msgpackCodec.list(memorySource(deep), { limits: { maxDepth: 1 } })).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_DEPTH' }),
    );
    expect(() => msgpackCodec.open(deep, { limits: { maxDepth: 1 } })).toThrow(expect.objectContaining({ code: 'E_FORMAT_DEPTH' }));
  });
});
