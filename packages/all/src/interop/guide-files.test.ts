// The "Files" block of docs/guide.md, run as written: a real Linen checkpoint (Flax's MNIST CNN)
// (8x8 images) loaded from a path with its architecture beside it, converted, saved as .eqx and read back.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import * as all from '../index.js';

const guide = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/guide.md');

/** The block after `<!-- guide-files -->`, its import dropped and its quoted file names put in `dir`. */
function block(dir: string): string {
  const text = readFileSync(guide, 'utf8');
  const match = /<!-- guide-files -->\n```ts\n([\s\S]*?)```/.exec(text);
  if (!match) throw new Error('docs/guide.md has no guide-files block');
  return match[1]!
    .replace(/^import .* from '@interop\/all';$/m, '')
    .replace(/'([\w.-]+\.(?:msgpack|eqx|json))'/g, (_, name: string) => JSON.stringify(join(dir, name)));
}

describe('docs/guide.md: Files', () => {
  it('runs as written, and the saved .eqx computes what Flax computed', async () => {
    const fixture = loadFixture('trees_linen', 'cnn');
    const dir = mkdtempSync(join(tmpdir(), 'interop-guide-'));
    copyFileSync(join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!), join(dir, 'cnn.msgpack'));
    writeFileSync(join(dir, 'cnn.msgpack.arch.json'), JSON.stringify(fixture.manifest.spec));

    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<Record<string, unknown>>;
    const run = new AsyncFunction('interop', `${block(dir)}\nreturn { cnn, module, variables, saved, again, bytes };`);
    const { cnn, module, saved, again, bytes } = (await run(all.interop)) as {
      cnn: all.LoadedFile<'linen'>;
      module: unknown;
      saved: all.SavedFile;
      again: all.LoadedFile<'equinox'>;
      bytes: Uint8Array;
    };

    expect(cnn).toMatchObject({ format: 'msgpack', assumed: [] });
    expect(module).toBeInstanceOf(all.linen.ModuleTree);
    expect(saved.format).toBe('eqx');
    expect(existsSync(join(dir, 'cnn.eqx.arch.json'))).toBe(true);
    expect(new Uint8Array(readFileSync(join(dir, 'cnn.eqx')))).toEqual(bytes);
    const x = fixture.arrays.input!;
    const y = all.interop.files('equinox').forward(again.model, x);
    expect(all.jnp.allclose(y as Tensor, fixture.arrays.output!, { atol: 1e-5, rtol: 1e-5 })).toBe(true);
  });
});
