import { describe, expect, it } from 'vitest';
import { Tensor } from '@interop/core';
import { readFlaxMsgpack, writeFlaxMsgpack } from '../index.js';

const str = (s: string): number[] => [0xa0 | s.length, ...new TextEncoder().encode(s)];

function code(bytes: number[] | Uint8Array, options = {}): unknown {
  try {
    readFlaxMsgpack(Uint8Array.from(bytes), options);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('flax msgpack hardening', () => {
  it('refuses nesting deeper than the limit, naming the path', () => {
    const deep = [
      ...Array(100)
        .fill([0x81, ...str('a')])
        .flat(),
      0xc0,
    ];
    expect(code(deep)).toMatchObject({ code: 'E_FORMAT_DEPTH', details: { offset: 192 } });
    expect(code(deep, { limits: { maxDepth: 3 } })).toMatchObject({ code: 'E_FORMAT_DEPTH', details: { path: 'a/a/a' } });
  });

  it('refuses repeated keys and __proto__ keys', () => {
    expect(code([0x82, ...str('k'), 0x01, ...str('k'), 0x02])).toMatchObject({
      code: 'E_FORMAT_DUPLICATE_KEY',
      details: { path: 'k', offset: 4 },
    });
    expect(code([0x81, ...str('__proto__'), 0xc0])).toMatchObject({ code: 'E_FORMAT_UNSAFE_KEY' });
    const ok = readFlaxMsgpack(Uint8Array.from([0x81, ...str('__proto__'), 0xc0]), { allowUnsafeKeys: true });
    expect(ok).toEqual(new Map([['__proto__', null]]));
  });

  it('refuses an ext that claims more bytes than the file has, without allocating', () => {
    expect(code([0x81, ...str('w'), 0xc9, 0x7f, 0xff, 0xff, 0xff, 0x01])).toMatchObject({
      code: 'E_FORMAT_TRUNCATED',
      details: { path: 'w' },
    });
    expect(code([0xdf, 0xff, 0xff, 0xff, 0xff])).toMatchObject({ code: 'E_FORMAT_LIMIT' });
    expect(code([0xdd, 0x00, 0x10, 0x00, 0x00, 0xc0])).toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
  });

  it('refuses unknown dtypes and shapes whose size overflows', () => {
    const good = writeFlaxMsgpack(new Map([['w', Tensor.fromArray([1, 2], [2], 'float32')]]));
    const asComplex = Buffer.from(good).toString('latin1').replace('\xa7float32', '\xa7complex');
    expect(code(Buffer.from(asComplex, 'latin1'))).toMatchObject({ code: 'E_FORMAT_DTYPE', details: { path: 'w' } });
    const payload = [0x93, 0x92, 0xce, 0xff, 0xff, 0xff, 0xff, 0xce, 0xff, 0xff, 0xff, 0xff, ...str('float32'), 0xc4, 0];
    expect(code([0x81, ...str('w'), 0xc7, payload.length, 1, ...payload])).toMatchObject({
      code: 'E_FORMAT_LIMIT',
      details: { path: 'w' },
    });
  });

  it('refuses trailing bytes and invalid type bytes', () => {
    expect(code([0xc0, 0xc0])).toMatchObject({ code: 'E_FORMAT_CORRUPT', details: { offset: 1 } });
    expect(code([0xc1])).toMatchObject({ code: 'E_FORMAT_CORRUPT' });
    expect(code([])).toMatchObject({ code: 'E_FORMAT_TRUNCATED' });
  });

  it('writes number keys as strings and refuses keys that collide once stringified', () => {
    const bytes = writeFlaxMsgpack(
      new Map<string | number, bigint>([
        [0, 1n],
        [1, 2n],
      ]),
    );
    expect(readFlaxMsgpack(bytes)).toEqual(
      new Map([
        ['0', 1n],
        ['1', 2n],
      ]),
    );
    expect(() =>
      writeFlaxMsgpack(
        new Map<string | number, bigint>([
          [1, 1n],
          ['1', 2n],
        ]),
      ),
    ).toThrow(expect.objectContaining({ code: 'E_FORMAT_DUPLICATE_KEY' }));
  });
});
