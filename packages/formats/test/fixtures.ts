import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';

// Note: @interop/testing's loader reads arrays through @interop/formats, so this package reads its
// own fixtures directly to avoid a dependency cycle.
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../tooling/conformance/fixtures/formats');

export interface ExpectedArray { dtype: string; shape: number[]; hex: string }
export interface ExpectedScalar { kind: string; value: unknown }
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
