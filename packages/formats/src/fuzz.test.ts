import { InteropError } from '@interop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, formatCases } from '../test/fixtures.js';
import type { ExpectedArray } from '../test/fixtures.js';
import { mutate, mutationArb } from '../test/mutate.js';
import { readEqxLeaves, readFlaxMsgpack, readNpy, readNpz, readSafetensors, splitNpyStream } from './index.js';
import type { LeafSpec } from './index.js';

// Small limits keep every accepted claim cheap, so a hostile size can only fail, never allocate.
const limits = { maxArrayBytes: 1 << 20, maxHeaderBytes: 1 << 16, maxEntries: 1 << 16, maxDepth: 32 };

function seeds(prefix: string, file: string): Uint8Array[] {
  return formatCases(prefix)
    .filter((c) => !c.error)
    .map((c) => fixtureBytes(c, file));
}

const eqx = formatCases('eqx-leaves')[0]!;
const eqxSpecs: LeafSpec[] = Object.keys(eqx.expected)
  .sort((a, b) => Number(a) - Number(b))
  .map((k) => eqx.expected[k] as ExpectedArray)
  .map((l) => ({ dtype: l.dtype as LeafSpec['dtype'], shape: l.shape }));

const readers: Array<{ name: string; runs: number; seeds: Uint8Array[]; read: (b: Uint8Array) => unknown }> = [
  { name: 'flax msgpack', runs: 60_000, seeds: seeds('msgpack-', 'msgpack'), read: (b) => readFlaxMsgpack(b, { limits }) },
  { name: 'npy', runs: 40_000, seeds: seeds('npy-', 'npy'), read: (b) => readNpy(b, { limits }) },
  {
    name: 'equinox leaf stream',
    runs: 40_000,
    seeds: [fixtureBytes(eqx, 'eqx')],
    read: (b) => (b.length % 2 === 0 ? readEqxLeaves(b, eqxSpecs, { limits }) : splitNpyStream(b, { limits })),
  },
  { name: 'npz', runs: 30_000, seeds: seeds('npz-', 'npz'), read: (b) => readNpz(b, { limits }) },
  { name: 'safetensors', runs: 40_000, seeds: seeds('safetensors-', 'safetensors'), read: (b) => readSafetensors(b, { limits }) },
];

describe('fuzz: every reader fails only with InteropError on mutated files', () => {
  for (const r of readers) {
    it(`${r.name}: ${r.runs} mutated inputs`, () => {
      let failures = 0;
      let runs = 0;
      fc.assert(
        fc.property(fc.nat(r.seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, edits) => {
          runs++;
          try {
            r.read(mutate(r.seeds[i]!, edits));
          } catch (e) {
            failures++;
            if (!(e instanceof InteropError)) throw e;
            expect(e.code).toMatch(/^E_(FORMAT_|IO)/);
          }
        }),
        { numRuns: r.runs, seed: 5 },
      );
      expect(runs).toBe(r.runs);
      expect(failures).toBeGreaterThan(0);
    }, 120_000);
  }

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        for (const r of readers) {
          try {
            r.read(b);
          } catch (e) {
            if (!(e instanceof InteropError)) throw e;
          }
        }
      }),
      { numRuns: 2_000, seed: 7 },
    );
  });
});
