// Test-only helpers: read the random fixtures written by tooling/conformance/generators/random.py.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';

const DIR = new URL('../../../../../tooling/conformance/fixtures/random/', import.meta.url);

/** An array as the generator encodes it: IEEE bit patterns per element. */
export interface Encoded {
  dtype: string;
  shape: number[];
  bits: Array<number | [number, number]>;
}

/** Reads one manifest of the random group. */
export function loadCase<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`${name}.json`, DIR)), 'utf8')) as T;
}

/** The element bit patterns of a tensor, encoded like the fixtures. */
export function tensorBits(t: Tensor): Array<number | [number, number]> {
  const d = t.data;
  if (d instanceof Float32Array) return Array.from(new Uint32Array(d.buffer, d.byteOffset, d.length));
  if (d instanceof Float64Array || d instanceof BigUint64Array) {
    const u = new Uint32Array(d.buffer, d.byteOffset, d.length * 2);
    return Array.from({ length: d.length }, (_, i) => [u[2 * i + 1]!, u[2 * i]!] as [number, number]);
  }
  return Array.from(d as ArrayLike<number>);
}

/** Decodes fixture bits to float64 values (float dtypes only). */
export function decode(e: Encoded): number[] {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const dv = new DataView(new ArrayBuffer(8));
  return e.bits.map((b) => {
    if (e.dtype === 'float32') {
      u32[0] = b as number;
      return f32[0]!;
    }
    if (e.dtype === 'float64') {
      const [hi, lo] = b as [number, number];
      dv.setUint32(0, hi);
      dv.setUint32(4, lo);
      return dv.getFloat64(0);
    }
    if (e.dtype === 'bfloat16') {
      u32[0] = (b as number) << 16;
      return f32[0]!;
    }
    throw new Error(`decode: unsupported ${e.dtype}`);
  });
}

/** Distance in units in the last place between two float32 values (0 when bit-identical). */
export function ulpDistance32(a: number, b: number): number {
  const ord = (x: number): number => {
    const u = new Uint32Array(Float32Array.of(x).buffer)[0]!;
    return u & 0x80000000 ? -(u & 0x7fffffff) : u;
  };
  return Math.abs(ord(a) - ord(b));
}
