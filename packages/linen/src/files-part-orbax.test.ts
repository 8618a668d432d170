// Linen through Orbax directories: variables ({params, batch_stats}) written as an Orbax
// directory and read back compute what Flax computed; a bare params dict reads as {params}.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orbaxCodec } from '@interop/formats';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { linenFiles } from './files-part.js';
import type { Variables } from './variables.js';

const root = mkdtempSync(join(tmpdir(), 'linen-orbax-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Linen files: Orbax directories', () => {
  it('lists the orbax directory codec, never as the default output', () => {
    expect(linenFiles.directories?.map((c) => c.id)).toEqual(['orbax']);
    expect(linenFiles.formats[0]!.id).toBe('msgpack');
  });

  it.each(listFixtures('trees_linen'))('%s: the variables as an Orbax directory, read back with and without a spec', async (name) => {
    const fixture = loadFixture('trees_linen', name);
    const spec = fixture.manifest.spec;
    const loaded = linenFiles.read(fixture.file('checkpoint'), 'msgpack', spec);
    const dir = join(root, name);
    await orbaxCodec.write(dir, linenFiles.writeTree!(loaded.model, 'orbax').tree);
    const opened = await orbaxCodec.open(dir);
    try {
      const [, variables] = loaded.model as [unknown, Variables];
      expect(opened.arrays().map((a) => a.path.split('/')[0])).toEqual(
        expect.arrayContaining(Object.keys(variables).filter((c) => Object.keys(variables[c]!).length > 0)),
      );
      const y = linenFiles.forward(linenFiles.readTree!(opened.tree, 'orbax', spec).model, fixture.arrays.input!);
      expect(allclose(y, fixture.arrays.output!, fixture.manifest.tolerance!)).toBe(true);
      const inferred = linenFiles.readTree!(opened.tree, 'orbax', undefined);
      expect(inferred.spec).toEqual(linenFiles.read(fixture.file('checkpoint'), 'msgpack', undefined).spec);
    } finally {
      await opened.close();
    }
  });

  it('a bare params dict (state.params saved alone) reads as the params collection', async () => {
    const fixture = loadFixture('layers_linen', listFixtures('layers_linen').find((n) => n.startsWith('dense'))!);
    const loaded = linenFiles.read(fixture.file('checkpoint'), 'msgpack', fixture.manifest.spec);
    const [, variables] = loaded.model as [unknown, Variables];
    const dir = join(root, 'params-only');
    await orbaxCodec.write(dir, (linenFiles.writeTree!(loaded.model, 'orbax').tree as Map<string, unknown>).get('params')!);
    const opened = await orbaxCodec.open(dir);
    try {
      const back = linenFiles.readTree!(opened.tree, 'orbax', fixture.manifest.spec);
      expect(Object.keys((back.model as [unknown, Variables])[1])).toEqual(['params']);
      expect(Object.keys((back.model as [unknown, Variables])[1].params!).sort()).toEqual(Object.keys(variables.params!).sort());
    } finally {
      await opened.close();
    }
  });

  it('bytes are refused for a directory format, saying to open the directory', () => {
    expect(() => linenFiles.read(new Uint8Array(4), 'orbax', undefined)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('orbax checkpoints are directories') }),
    );
  });
});
