import { realpathSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { materialize, orbaxCases } from '../../test/orbax-fixtures.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { crc32c } from './crc32c.js';
import { FilePool } from './file-pool.js';
import { openOcdbtStore } from './ocdbt-store.js';

describe('OCDBT store', () => {
  it('crc32c matches the standard check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  it('reads a raw tensorstore database with interior nodes and 20 generations (ocdbt-deep)', async () => {
    const c = orbaxCases().find((x) => x.case === 'ocdbt-deep')!;
    const dir = materialize(c);
    const pool = new FilePool(realpathSync(dir));
    try {
      const store = await openOcdbtStore(pool, 'manifest.ocdbt', DEFAULT_LIMITS);
      expect(store.keys()).toEqual(Object.keys(c.kv!).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
      for (const [k, hex] of Object.entries(c.kv!)) {
        expect(Buffer.from((await store.get(k, 1 << 20))!).toString('hex'), k).toBe(hex);
      }
      expect(await store.get('absent', 10)).toBeUndefined();
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
