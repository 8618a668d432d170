import type { LayerIR } from '@interop/core';
import { irFromJSON } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from './__fixtures__/backends.js';
import { OPS_CASES, decode } from './__fixtures__/ops-fixtures.js';
import { compare, lastRun, runIR } from './index.js';

// What each backend runs (flatten and reshape only relabel the shape, so they run no primitive).
const ENGINES = {
  reference: 'typescript-float64',
  tiled: 'typescript-float32-tiled',
  'gpu.js': 'WebAssemblyKernel',
  'gpu.js-cpu': 'CPUKernel',
};

describe.each(NODE_BACKENDS)('JAX golden outputs of ops and module trees on %s', (backend) => {
  it('found the fixtures', () => {
    expect(OPS_CASES.length).toBeGreaterThanOrEqual(26);
    expect(OPS_CASES.map((c) => c.case)).toContain('module_cnn');
  });

  it.each(OPS_CASES.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const ir = irFromJSON(c.ir) as LayerIR;
    const y = runIR(ir, decode(c.input), { backend });
    // Fully padded windows are -inf (max) or NaN (avg without padding), as in Flax.
    const d = compare(y, decode(c.expected), { ...c.tolerance, equalNan: true });
    expect(d, `max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
    const moves = ir.kind === 'flatten' || ir.kind === 'reshape';
    expect(lastRun()).toMatchObject({ backend, kind: ir.kind, fallback: false, engines: moves ? [] : [ENGINES[backend]] });
  });
});
