import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@interop/core';

// Golden outputs of real JAX/Flax, written by tooling/conformance/generators/ops.py: pools,
// flatten, reshape, mean, softmax, and a whole Linen CNN with residual blocks as a module IR.
const DIR = fileURLToPath(new URL('../../../../../tooling/conformance/fixtures/ops/', import.meta.url));

/** A float32 array as the manifests store it: uint32 bit patterns in C order. */
export interface Enc {
  dtype: 'float32';
  shape: number[];
  bits: number[];
}

/** One case of the `ops` group: IR JSON, a batched input and JAX's output. */
export interface OpsCase {
  case: string;
  ir: unknown;
  input: Enc;
  expected: Enc;
  tolerance: { atol: number; rtol: number };
}

/** Decodes an {@link Enc} array. */
export const decode = (e: Enc): Tensor => new Tensor('float32', e.shape, new Float32Array(Uint32Array.from(e.bits).buffer));

/** Every case of the `ops` group, sorted by file name. */
export const OPS_CASES: OpsCase[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(DIR + f, 'utf8')) as OpsCase);
