import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LayerIR } from '@interop/core';
import { Tensor, irFromJSON } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from './__fixtures__/backends.js';
import { compare, lastRun, runIR } from './index.js';

// Golden outputs of real JAX/Flax, written by tooling/conformance/generators/ops.py: pools,
// flatten, reshape, mean, softmax, and a whole Linen CNN with residual blocks as a module IR.
const DIR = fileURLToPath(new URL('../../../../tooling/conformance/fixtures/ops/', import.meta.url));

interface Enc { dtype: 'float32'; shape: number[]; bits: number[] }
interface Manifest { case: string; ir: unknown; input: Enc; expected: Enc; tolerance: { atol: number; rtol: number } }

// What each backend runs (flatten and reshape only relabel the shape, so they run no primitive).
const ENGINES = { reference: 'typescript-float64', tiled: 'typescript-float32-tiled', 'gpu.js': 'WebAssemblyKernel', 'gpu.js-cpu': 'CPUKernel' };
const decode = (e: Enc) => new Tensor('float32', e.shape, new Float32Array(Uint32Array.from(e.bits).buffer));
const cases = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as Manifest);

describe.each(NODE_BACKENDS)('JAX golden outputs of ops and module trees on %s', (backend) => {
  it('found the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(26);
    expect(cases.map((c) => c.case)).toContain('module_cnn');
  });

  it.each(cases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const ir = irFromJSON(c.ir) as LayerIR;
    const y = runIR(ir, decode(c.input), { backend });
    // Fully padded windows are -inf (max) or NaN (avg without padding), as in Flax.
    const d = compare(y, decode(c.expected), { ...c.tolerance, equalNan: true });
    expect(d, `max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
    const moves = ir.kind === 'flatten' || ir.kind === 'reshape';
    expect(lastRun()).toMatchObject({ backend, kind: ir.kind, fallback: false, engines: moves ? [] : [ENGINES[backend]] });
  });
});
