import { formatError } from '../errors.js';

/** 2^64 - 1, the varint OCDBT uses for "no value" (an empty tree, an absent shard chunk). */
export const U64_MAX = 0xffffffffffffffffn;

/**
 * Sequential reads over a decoded OCDBT body: varints, fixed-width integers and byte runs, each
 * refusing to read past the end.
 *
 * @example
 * ```ts
 * new ByteCursor(Uint8Array.of(0x80, 0x08), 'manifest').varint(); // 1024
 * ```
 */
export class ByteCursor {
  /** The next byte to read. */
  pos = 0;

  constructor(
    /** The bytes. */
    readonly bytes: Uint8Array,
    /** What is being decoded, for error messages. */
    readonly what: string,
  ) {}

  /** Bytes left. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Throws E_FORMAT_CORRUPT at the current position. */
  corrupt(why: string, details: { expected?: unknown; found?: unknown } = {}): never {
    throw formatError('E_FORMAT_CORRUPT', `Invalid ${this.what}: ${why}`, { offset: this.pos, ...details });
  }

  private need(n: number): void {
    if (n > this.remaining) {
      throw formatError('E_FORMAT_TRUNCATED', `The ${this.what} ends early`, {
        offset: this.pos,
        expected: `${n} more bytes`,
        found: this.remaining,
      });
    }
  }

  /** One byte. */
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  /** `n` bytes (a view). */
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** An unsigned LEB128 varint of up to 64 bits, as a bigint. */
  varint64(): bigint {
    let v = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      v |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) {
        if (v > U64_MAX) this.corrupt('a varint exceeds 64 bits');
        return v;
      }
    }
    return this.corrupt('a varint is longer than 10 bytes');
  }

  /** A varint that must fit a safe integer (counts, lengths, offsets). */
  varint(): number {
    const start = this.pos;
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.u8();
      v += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return v;
      scale *= 128;
    }
    this.pos = start;
    const big = this.varint64();
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw formatError('E_FORMAT_LIMIT', `A number in the ${this.what} is absurdly large`, { offset: start, found: big.toString() });
    }
    return Number(big);
  }

  /** A little-endian u32. */
  u32le(): number {
    const b = this.take(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** A little-endian u64, as a bigint. */
  u64le(): bigint {
    const b = this.take(8);
    return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  }
}
