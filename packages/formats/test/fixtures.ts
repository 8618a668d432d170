import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tensor } from '@interop/core';
import { ComplexValue, NumpyScalar } from '../src/index.js';
import type { MsgpackValue } from '../src/index.js';

// Note: @interop/testing's loader reads arrays through @interop/formats, so this package reads its
// own fixtures directly to avoid a dependency cycle.
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../tooling/conformance/fixtures/formats');

export interface ExpectedArray {
  dtype: string;
  shape: number[];
  hex: string;
}
export interface ExpectedScalar {
  kind: string;
  value: unknown;
}
export type Expected = ExpectedArray | ExpectedScalar;

export interface FormatCase {
  case: string;
  framework: string;
  files: Record<string, string>;
  expected: Record<string, Expected>;
  error?: string;
  roundtrip?: boolean;
  [key: string]: unknown;
}

/** Every manifest of the formats group whose case name starts with `prefix`. */
export function formatCases(prefix: string): FormatCase[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as FormatCase);
}

/** The bytes of a file named by a manifest. */
export function fixtureBytes(c: FormatCase, name: string): Uint8Array {
  const file = c.files[name];
  if (file === undefined) throw new Error(`case ${c.case} names no file "${name}"`);
  return new Uint8Array(readFileSync(join(FIXTURES, file)));
}

/** Hex of a tensor's raw little-endian bytes. */
export function tensorHex(t: Tensor): string {
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
}

/** A tensor as the manifest's `{dtype, shape, hex}` record. */
export function asExpected(t: Tensor): ExpectedArray {
  return { dtype: t.dtype, shape: [...t.shape], hex: tensorHex(t) };
}

function floatHex(v: number): string {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return b.toString('hex');
}

/** A value read by our readers in the manifest's leaf form. */
export function leafExpected(v: unknown): Expected {
  if (v instanceof Tensor) return asExpected(v);
  if (v instanceof NumpyScalar) return asExpected(v.tensor);
  if (v instanceof ComplexValue) return { kind: 'complex', value: [floatHex(v.re), floatHex(v.im)] };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'bigint') return { kind: 'int', value: v.toString() };
  if (typeof v === 'number') return { kind: 'float', value: floatHex(v) };
  if (typeof v === 'string') return { kind: 'str', value: v };
  if (v instanceof Uint8Array) return { kind: 'bytes', value: Buffer.from(v).toString('hex') };
  if (v === null) return { kind: 'none', value: null };
  throw new Error(`unexpected leaf ${String(v)}`);
}

/** Flattens a read tree into `path -> leaf` the way the generator's `_flatten` does. */
export function flattenTree(tree: MsgpackValue, prefix = '', out: Record<string, Expected> = {}): Record<string, Expected> {
  if (tree instanceof Map) {
    for (const [k, v] of tree) flattenTree(v, prefix ? `${prefix}/${k}` : k, out);
  } else if (Array.isArray(tree)) {
    tree.forEach((v, i) => flattenTree(v, prefix ? `${prefix}/${i}` : String(i), out));
  } else out[prefix] = leafExpected(tree);
  return out;
}
