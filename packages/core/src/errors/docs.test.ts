import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

it('has a section in docs/errors.md for every error code, and none for codes that do not exist', () => {
  const codes = [...read('./codes.ts').matchAll(/^\s+(E_[A-Z0-9_]+): true;/gm)].map((m) => m[1]!.toLowerCase());
  const sections = [...read('../../../../docs/errors.md').matchAll(/^## (e_[a-z0-9_]+)$/gm)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(0);
  expect([...sections].sort()).toEqual([...codes].sort());
});
