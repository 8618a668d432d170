import { expect, it } from 'vitest';
import { catchError } from '../__fixtures__/catch-error.js';
import { expectBytes } from './expect-bytes.js';

it('lets bytes through and refuses a path with E_INVALID_ARGUMENT saying how to read it', () => {
  expect(() => expectBytes(new Uint8Array(2), 'x.read(bytes)', 'a file')).not.toThrow();
  const error = catchError(() => expectBytes('model.msgpack', 'linen.readVariables(bytes)', 'a Flax .msgpack file'));
  expect(error.code).toBe('E_INVALID_ARGUMENT');
  expect(error.message).toMatch(/^linen\.readVariables\(bytes\) takes the bytes of a Flax \.msgpack file, not the string 'model\.msgpack'/);
  expect(error.message).toContain("linen.readVariables(readFileSync('model.msgpack'))");
});

it('says how to wrap an ArrayBuffer and what to pass otherwise', () => {
  expect(catchError(() => expectBytes(new ArrayBuffer(2), 'f(bytes)', 'a file')).message).toContain('new Uint8Array(buffer)');
  expect(catchError(() => expectBytes(undefined, 'f(bytes)', 'a file')).message).toMatch(/not undefined.*as a Uint8Array/s);
});
