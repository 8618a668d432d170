// Test-only: Flax Linen init values from tooling/conformance/fixtures/random/linen.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@interop/core';

const FILE = new URL('../../../../tooling/conformance/fixtures/random/linen.json', import.meta.url);

type Encoded = { dtype: string; shape: number[]; bits: number[] };

/** The float32 bit patterns Python's `init(key(0), ...)` gave each parameter of a case. */
export function linenInit(name: string): Record<string, Encoded> {
  const all = JSON.parse(readFileSync(fileURLToPath(FILE), 'utf8')) as { layers: Record<string, Record<string, Encoded>> };
  return all.layers[name]!;
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
