import { InteropError } from './interop-error.js';

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string '${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'plain object'}`;
  return typeof value;
}

/**
 * Refuses anything but a `Uint8Array` (a Node `Buffer` is one) where a public function reads a
 * file's bytes, with `E_INVALID_ARGUMENT` saying what to pass; a path given instead of the bytes
 * is the usual mistake, and without this check it fails deep in a reader as a raw `TypeError`.
 *
 * @param call - The call as the user wrote it, e.g. `linen.readVariables(bytes)`.
 * @param file - The file whose bytes it reads, e.g. `a .msgpack file`.
 * @example
 * ```ts
 * expectBytes(bytes, 'linen.readVariables(bytes)', 'a Flax .msgpack file');
 * ```
 */
export function expectBytes(value: unknown, call: string, file: string): asserts value is Uint8Array {
  if (value instanceof Uint8Array) return;
  const fix =
    typeof value === 'string'
      ? `Read the file first and pass its bytes: ${call.replace(/\bbytes\b/, `readFileSync('${value}')`)} (node:fs)`
      : value instanceof ArrayBuffer
        ? 'Wrap it: new Uint8Array(buffer)'
        : `Pass the bytes of ${file} as a Uint8Array (a Node Buffer is one)`;
  throw new InteropError('E_INVALID_ARGUMENT', `${call} takes the bytes of ${file}, not ${kindOf(value)}`, {
    expected: 'a Uint8Array',
    found: kindOf(value),
    fix,
  });
}
