import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixtureBytes, flattenTree, formatCases } from '../../test/fixtures.js';
import { listTree, memorySource, openFlaxMsgpack, readFlaxMsgpack, scanFlaxMsgpack, writeFlaxMsgpack } from '../index.js';

describe('flax msgpack against files flax, NNX and braintools wrote', () => {
  for (const c of formatCases('msgpack-')) {
    const bytes = fixtureBytes(c, 'msgpack');
    const maxChunkBytes = typeof c['maxChunkBytes'] === 'number' ? c['maxChunkBytes'] : undefined;

    it(`${c.case}: values equal what Python read`, () => {
      expect(flattenTree(readFlaxMsgpack(bytes))).toEqual(c.expected);
    });

    if (c.roundtrip !== false) {
      it(`${c.case}: read then write gives the same bytes`, () => {
        const again = writeFlaxMsgpack(readFlaxMsgpack(bytes), { maxChunkBytes });
        expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
      });
    }

    it(`${c.case}: lazy file reading lists and loads the same arrays`, async () => {
      const file = await openFlaxMsgpack(join(FIXTURES, c.files['msgpack']!));
      try {
        const eager = flattenTree(readFlaxMsgpack(bytes));
        for (const entry of file.list()) {
          const t = await file.load(entry.path);
          expect(eager[entry.path]).toMatchObject({ dtype: t.dtype, shape: [...t.shape] });
          expect(t.byteLength).toBe(entry.byteLength);
        }
        expect(flattenTree(await file.loadTree())).toEqual(c.expected);
        if (c.roundtrip !== false) {
          const copy = writeFlaxMsgpack(file.tree, { maxChunkBytes, source: file.source });
          expect(Buffer.from(copy).equals(Buffer.from(bytes))).toBe(true);
        }
      } finally {
        await file.close();
      }
    });
  }

  it('lists paths, shapes, dtypes and sizes without loading', () => {
    const c = formatCases('msgpack-to-bytes')[0]!;
    const entries = listTree(scanFlaxMsgpack(memorySource(fixtureBytes(c, 'msgpack'))));
    expect(entries.find((e) => e.path === 'params/Dense_0/kernel')).toMatchObject({
      dtype: 'float32',
      shape: [3, 4],
      byteLength: 48,
      kind: 'ndarray',
    });
    expect(entries.find((e) => e.path === 'np_scalar')).toMatchObject({ kind: 'npscalar', shape: [] });
    expect(entries.find((e) => e.path === 'params/bf16')).toMatchObject({ dtype: 'bfloat16', byteLength: 10 });
  });
});
