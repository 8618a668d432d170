// The demo against the notebook as real BrainState 0.5.4, Flax and Equinox ran it
// (tooling/conformance/fixtures/seed/notebook.*): same x, same models, same outputs.
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import { main } from '../cli/main.js';
import { runDemo } from './run-demo.js';

const seed = loadFixture('seed', 'notebook');
const want = seed.arrays;
const lines: string[] = [];
const result = runDemo(defaultInterop(), (l) => lines.push(l));
const tol = { rtol: 1e-5, atol: 1e-6 };

describe('interop demo', () => {
  it('lists, for each framework, every layer real BrainState lists', () => {
    const real = seed.manifest.supported_layers as Record<string, string[]>;
    for (const [framework, names] of Object.entries(real)) {
      const line = lines.find((l) => l.startsWith(`${framework.padEnd(8)} : `));
      expect(line, framework).toBeDefined();
      const ours = line!.slice(11).split(', ');
      expect(ours).toEqual(expect.arrayContaining(names));
      expect([...ours].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ours);
    }
    expect(lines.find((l) => l.startsWith('nnx '))).toContain('BatchNorm0d');
    expect(lines.find((l) => l.startsWith('linen '))).toContain('BatchNorm0d');
  });

  it('prints six "output matches: true" lines and the conv shape', () => {
    expect(lines.filter((l) => l.endsWith('output matches: true'))).toHaveLength(6);
    expect(lines).toContain('converted conv output shape: (2, 8, 8, 4)');
    expect(Object.values(result.checks).every(Boolean)).toBe(true);
  });

  it("draws the notebook's x and builds the notebook's models (BrainState's own outputs)", () => {
    expect(result.arrays.x!.equals(want.x!)).toBe(true);
    for (const section of ['nnx', 'linen', 'equinox']) {
      expect(allclose(result.arrays[`${section}Reference`]!, want[`${section}.reference`]!, tol), section).toBe(true);
    }
  });

  it('computes what the converted Python models computed', () => {
    const pairs: Array<[string, string]> = [
      ['toNnx', 'nnx.converted_output'],
      ['fromNnx', 'nnx.back_output'],
      ['toLinen', 'linen.converted_output'],
      ['fromLinen', 'linen.back_output'],
      ['toEquinox', 'equinox.converted_output'],
      ['fromEquinox', 'equinox.back_output'],
    ];
    for (const [ours, theirs] of pairs) expect(allclose(result.arrays[ours]!, want[theirs]!, tol), ours).toBe(true);
  });

  it("imports the nnx.Conv(rngs=Rngs(0)) and gives the notebook's conv output", () => {
    expect(result.arrays.image!.equals(want['conv.image']!)).toBe(true);
    expect(allclose(result.arrays.conv!, want['conv.output']!, { rtol: 1e-5, atol: 1e-5 })).toBe(true);
  });

  it('runs as `interop demo` with exit code 0, and as JSON', async () => {
    const out: string[] = [];
    expect(await main(['demo', '--json'], { out: (l) => out.push(l), err: () => undefined })).toBe(0);
    const parsed = JSON.parse(out[0]!);
    expect(parsed.ok).toBe(true);
    expect(parsed.convShape).toEqual([2, 8, 8, 4]);
  });
});
