import { Tensor } from '@interop/core';
import { eqxCodec } from '@interop/formats';
import * as runtime from '@interop/runtime';
import { allclose } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { equinoxFiles } from './files-part.js';
import { toChannelsLast } from './index.js';

// Every draw of an initial weight goes through these three: spied, so a test can say none ran.
vi.mock('@interop/runtime', async (importOriginal) => {
  const real = await importOriginal<typeof import('@interop/runtime')>();
  return { ...real, uniform: vi.fn(real.uniform), normal: vi.fn(real.normal), split: vi.fn(real.split) };
});
const draws = () => [runtime.uniform, runtime.normal, runtime.split].reduce((n, f) => n + vi.mocked(f).mock.calls.length, 0);

/** The file's leaves as lazy tensors over its own arrays, counting the bytes read from each. */
function lazyLeaves(bytes: Uint8Array): { leaves: Tensor[]; read: number[] } {
  const files = eqxCodec.open(bytes) as Tensor[];
  const read = files.map(() => 0);
  const leaves = files.map((t, i) =>
    Tensor.fromSource(t.dtype, t.shape, {
      byteLength: t.byteLength,
      read: (offset, target) => {
        read[i]! += target.length;
        t.readBytes(offset, target);
      },
    }),
  );
  return { leaves, read };
}

const CASES = [
  ...listFixtures('layers_equinox').map((c) => ['layers_equinox', c] as const),
  ...listFixtures('trees_equinox').map((c) => ['trees_equinox', c] as const),
].filter(([group, name]) => loadFixture(group, name).manifest.files?.checkpoint !== undefined);

describe('reading an .eqx with its spec builds the model shape-only', () => {
  beforeEach(() => vi.clearAllMocks());

  it('a spec built for its initial values draws them (the spies see the draws)', () => {
    equinoxFiles.fromSpec!({ type: 'Linear', in_features: 3, out_features: 2 });
    expect(draws()).toBeGreaterThan(0);
  });

  // A Python float or bool field (Dropout's p, a pool's init) is a number in the model: its 0-d
  // leaf is read, as Equinox reads it; every array leaf is the file's own lazy tensor, unread.
  it.each(CASES)(
    '%s/%s: no draw, the arrays are the file’s lazy tensors unread, written back byte-identical, Equinox’s output',
    (group, name) => {
      const fixture = loadFixture(group, name);
      const bytes = fixture.file('checkpoint');
      const { leaves, read } = lazyLeaves(bytes);
      const loaded = equinoxFiles.readTree!(leaves, 'eqx', fixture.manifest.spec);
      expect(draws()).toBe(0);
      const { tree } = equinoxFiles.writeTree!(loaded.model, 'eqx');
      expect(tree).toHaveLength(leaves.length);
      (tree as unknown[]).forEach((leaf, i) => {
        if (leaf instanceof Tensor) {
          expect(leaf).toBe(leaves[i]);
          expect(read[i]).toBe(0);
        } else expect(leaves[i]!.shape).toEqual([]);
      });
      expect(Buffer.from(eqxCodec.write(tree)).equals(Buffer.from(bytes))).toBe(true);
      if (!['embedding', 'grucell', 'lstmcell', 'lstmcell_bf16'].includes(name)) {
        const y = equinoxFiles.forward(loaded.model, toChannelsLast(fixture.arrays.batch_input!, true));
        expect(allclose(y, toChannelsLast(fixture.arrays.batch_output!, true), fixture.manifest.tolerance!)).toBe(true);
      }
    },
  );
});
