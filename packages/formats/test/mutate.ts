import fc from 'fast-check';

/** One edit applied to a seed file. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; n: number };

// Bytes that make sizes and counts extreme in msgpack, npy and zip headers.
const NASTY = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xc4, 0xc6, 0xc9, 0xcf, 0xd3, 0xd8, 0xdb, 0xdd, 0xdf, 0x93, 0x22, 0x28, 0x5b];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.oneof(fc.nat(255), fc.constantFrom(...NASTY)) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 9 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 16 }) }),
);

/** Applies edits to a copy of `seed`. */
export function mutate(seed: Uint8Array, edits: readonly Mutation[]): Uint8Array {
  let b = seed.slice();
  for (const m of edits) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'flip' && b.length > 0) b[at]! ^= 1 << m.bit;
    else if (m.kind === 'set' && b.length > 0) b[at] = m.value;
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'insert') {
      const next = new Uint8Array(b.length + m.bytes.length);
      next.set(b.subarray(0, at));
      next.set(m.bytes, at);
      next.set(b.subarray(at), at + m.bytes.length);
      b = next;
    } else if (m.kind === 'delete') b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + m.n)]);
  }
  return b;
}
