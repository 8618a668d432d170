import { mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBytesAtomic, writeFileAtomic } from '../index.js';

describe('atomic writes', () => {
  it('replaces the file only when the write succeeds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'formats-'));
    const out = join(dir, 'out.bin');
    await writeFile(out, 'old');
    await expect(
      writeFileAtomic(out, async (h) => {
        await h.write(Buffer.from('half'));
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readFile(out, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['out.bin']);
    await writeBytesAtomic(out, Buffer.from('new'));
    expect(await readFile(out, 'utf8')).toBe('new');
  });

  it('refuses to overwrite an input, also through a link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'formats-'));
    const input = join(dir, 'in.bin');
    await writeFile(input, 'data');
    await symlink(input, join(dir, 'link.bin'));
    for (const target of [input, join(dir, 'link.bin')]) {
      await expect(writeBytesAtomic(target, Buffer.from('x'), { inputs: [input] })).rejects.toMatchObject({ code: 'E_OUTPUT_IS_INPUT' });
    }
    expect(await readFile(input, 'utf8')).toBe('data');
  });
});
