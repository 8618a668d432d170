import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LayerIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS } from './__fixtures__/backends.js';
import type { CellIR } from './index.js';
import { compare, runCell, runIR } from './index.js';

// Golden outputs of real JAX/Flax, written by tooling/conformance/generators/kernels.py.
const DIR = fileURLToPath(new URL('../../../../tooling/conformance/fixtures/kernels/', import.meta.url));

interface Enc {
  dtype: 'float32';
  shape: number[];
  bits: number[];
}
interface Manifest {
  case: string;
  ir: { kind: string; params: Record<string, unknown>; tensors: Record<string, Enc> };
  input: Enc;
  carry?: Record<string, Enc>;
  expected: Enc | Record<string, Enc>;
  tolerance: { atol: number; rtol: number };
}

const decode = (e: Enc) => new Tensor('float32', e.shape, new Float32Array(Uint32Array.from(e.bits).buffer));
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as Manifest);

describe.each(NODE_BACKENDS)('JAX golden outputs on %s', (backend) => {
  it('found the fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(17));

  it.each(cases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const tensors = Object.fromEntries(Object.entries(c.ir.tensors).map(([k, v]) => [k, decode(v)]));
    const ir = { ...c.ir, tensors } as unknown as LayerIR;
    const x = decode(c.input);
    const outputs: Record<string, Tensor> = c.carry
      ? { ...runCell(ir as CellIR, x, { h: decode(c.carry.h!), ...(c.carry.c ? { c: decode(c.carry.c) } : {}) }, { backend }) }
      : { y: runIR(ir, x, { backend }) };
    const expected = 'bits' in c.expected ? { y: c.expected as Enc } : (c.expected as Record<string, Enc>);
    for (const [name, enc] of Object.entries(expected)) {
      const d = compare(outputs[name]!, decode(enc), c.tolerance);
      expect(d, `${name}: max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
    }
  });
});
