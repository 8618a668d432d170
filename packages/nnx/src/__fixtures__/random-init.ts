// Test-only: Flax NNX init values from tooling/conformance/fixtures/random/nnx.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@interop/core';

const FILE = new URL('../../../../tooling/conformance/fixtures/random/nnx.json', import.meta.url);

type Encoded = { dtype: string; shape: number[]; bits: number[] };
type RandomNnx = { layers: Record<string, Record<string, Encoded>>; rngs_draws: Record<string, number[]> };

/** The whole fixture: per-layer `nnx.state(model, nnx.Param)` bits and raw `Rngs` draws. */
export function nnxRandom(): RandomNnx {
  return JSON.parse(readFileSync(fileURLToPath(FILE), 'utf8')) as RandomNnx;
}

/** A float32 tensor's bit patterns. */
export function bitsOf(t: Tensor): number[] {
  const d = t.data as Float32Array;
  return Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length));
}

/** A fixture array as the float32 tensor its bits encode. */
export function initTensor(e: Encoded): Tensor {
  return Tensor.fromArray(new Float32Array(new Uint32Array(e.bits).buffer), e.shape, 'float32');
}
