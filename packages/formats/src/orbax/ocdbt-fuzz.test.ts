import { InteropError } from '@interop/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orbaxCases, orbaxFile } from '../../test/orbax-fixtures.js';
import { mutate, mutationArb } from '../../test/mutate.js';
import { decodeBtreeNode } from './btree-node.js';
import { crc32c } from './crc32c.js';
import { encodeEnvelope } from './encode-ocdbt.js';
import { decodeManifest } from './manifest.js';
import { OCDBT_MAGIC, openEnvelope } from './envelope.js';

const limits = { maxArrayBytes: 1 << 20, maxHeaderBytes: 1 << 16, maxEntries: 1 << 12, maxDepth: 16 };

// Seeds: every root manifest of the golden fixtures, and every B+tree node stored at the start of
// a data file (Orbax's root node is alone in d/<hex>; the deep raw store has interior nodes).
const manifests: Uint8Array[] = [];
const nodes: Uint8Array[] = [];
for (const c of orbaxCases()) {
  for (const [rel, file] of Object.entries(c.files)) {
    const bytes = orbaxFile(file);
    if (rel.endsWith('manifest.ocdbt')) manifests.push(bytes);
    else if (/(^|\/)d\/[0-9a-f]{32}$/.test(rel) && bytes.length >= 18) {
      for (let at = 0; at + 18 <= bytes.length; at++) {
        if (bytes[at] === 0x0c && bytes[at + 1] === 0xdb && bytes[at + 2] === 0x20 && bytes[at + 3] === 0xde) {
          const len = Number(new DataView(bytes.buffer, bytes.byteOffset + at + 4, 8).getBigUint64(0, true));
          if (at + len <= bytes.length) nodes.push(bytes.slice(at, at + len));
        }
      }
    }
  }
}
const bodies = (seeds: Uint8Array[], magic: number): Uint8Array[] => seeds.map((s) => openEnvelope(s, magic, 1 << 26));

function fixCrc(b: Uint8Array): Uint8Array {
  if (b.length < 4) return b;
  const out = b.slice();
  new DataView(out.buffer).setUint32(out.length - 4, crc32c(out.subarray(0, out.length - 4)), true);
  return out;
}

const targets = [
  { name: 'manifest (mutated envelope, CRC kept)', runs: 20_000, seeds: manifests, read: (b: Uint8Array) => decodeManifest(b, limits) },
  {
    name: 'manifest (mutated envelope, CRC fixed: zstd and body)',
    runs: 20_000,
    seeds: manifests,
    read: (b: Uint8Array) => decodeManifest(fixCrc(b), limits),
  },
  {
    name: 'manifest (mutated body, re-wrapped)',
    runs: 30_000,
    seeds: bodies(manifests, OCDBT_MAGIC.manifest),
    read: (b: Uint8Array) => decodeManifest(encodeEnvelope(OCDBT_MAGIC.manifest, b), limits),
  },
  {
    name: 'B+tree node (mutated envelope, CRC fixed)',
    runs: 20_000,
    seeds: nodes,
    read: (b: Uint8Array) => decodeBtreeNode(fixCrc(b), '', limits),
  },
  {
    name: 'B+tree node (mutated body, re-wrapped)',
    runs: 30_000,
    seeds: bodies(nodes, OCDBT_MAGIC.btreeNode),
    read: (b: Uint8Array) => decodeBtreeNode(encodeEnvelope(OCDBT_MAGIC.btreeNode, b), 'ocdbt.process_0/', limits),
  },
];

describe('fuzz: the OCDBT manifest and B+tree node decoders fail only with InteropError', () => {
  it('has seeds', () => {
    console.log(`OCDBT fuzz seeds: ${manifests.length} manifests, ${nodes.length} B+tree nodes`);
    expect(manifests.length).toBeGreaterThan(10);
    expect(nodes.length).toBeGreaterThan(10);
  });

  for (const t of targets) {
    it(`${t.name}: ${t.runs} mutated inputs`, () => {
      let runs = 0;
      let failures = 0;
      const codes = new Map<string, number>();
      fc.assert(
        fc.property(fc.nat(t.seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, edits) => {
          runs++;
          try {
            t.read(mutate(t.seeds[i]!, edits));
          } catch (e) {
            failures++;
            if (!(e instanceof InteropError)) throw e;
            expect(e.code).toMatch(/^E_FORMAT_/);
            codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
          }
        }),
        { numRuns: t.runs, seed: 18 },
      );
      console.log(
        `${t.name}: ${runs} runs, ${failures} refused (${[...codes].map(([c, k]) => `${c} ${k}`).join(', ')}), ${runs - failures} accepted`,
      );
      expect(runs).toBe(t.runs);
      expect(failures).toBeGreaterThan(0);
    }, 120_000);
  }
});
