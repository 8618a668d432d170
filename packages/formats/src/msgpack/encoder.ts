import { formatError } from '../errors.js';

const utf8 = new TextEncoder();

/**
 * Appends msgpack headers and scalars to a growing buffer, choosing each header width exactly as
 * msgpack-python's `Packer` does (smallest that fits; `use_bin_type=True`; floats as float64).
 *
 * @example
 * ```ts
 * const b = new MsgpackBuilder();
 * b.mapHeader(1); b.str('step'); b.int(3n);
 * b.take(); // Uint8Array [0x81, 0xa4, 0x73, 0x74, 0x65, 0x70, 0x03]
 * ```
 */
export class MsgpackBuilder {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  private n = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.n;
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    next.set(this.buf.subarray(0, this.n));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Returns the bytes written and starts over. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.n);
    this.n = 0;
    return out;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b;
  }

  raw(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
  }

  private sized(tag: number, width: 1 | 2 | 4 | 8, value: number | bigint): void {
    this.room(1 + width);
    this.buf[this.n++] = tag;
    if (width === 1) this.view.setUint8(this.n, Number(value) & 0xff);
    else if (width === 2) this.view.setUint16(this.n, Number(value) & 0xffff);
    else if (width === 4) this.view.setUint32(this.n, Number(BigInt.asUintN(32, BigInt(value))));
    else this.view.setBigUint64(this.n, BigInt.asUintN(64, BigInt(value)));
    this.n += width;
  }

  /** A Python int. */
  int(v: bigint): void {
    if (v >= 0n) {
      if (v < 0x80n) this.byte(Number(v));
      else if (v <= 0xffn) this.sized(0xcc, 1, v);
      else if (v <= 0xffffn) this.sized(0xcd, 2, v);
      else if (v <= 0xffffffffn) this.sized(0xce, 4, v);
      else if (v <= 0xffffffffffffffffn) this.sized(0xcf, 8, v);
      else throw formatError('E_INVALID_ARGUMENT', 'An integer does not fit in 64 bits', { found: v.toString() });
    } else if (v >= -0x20n) this.byte(Number(v) & 0xff);
    else if (v >= -0x80n) this.sized(0xd0, 1, v);
    else if (v >= -0x8000n) this.sized(0xd1, 2, v);
    else if (v >= -0x80000000n) this.sized(0xd2, 4, v);
    else if (v >= -0x8000000000000000n) this.sized(0xd3, 8, v);
    else throw formatError('E_INVALID_ARGUMENT', 'An integer does not fit in 64 bits', { found: v.toString() });
  }

  /** A Python float (always float64). */
  float64(v: number): void {
    this.room(9);
    this.buf[this.n++] = 0xcb;
    this.view.setFloat64(this.n, v);
    this.n += 8;
  }

  str(s: string): void {
    const b = utf8.encode(s);
    const k = b.length;
    if (k < 32) this.byte(0xa0 | k);
    else if (k <= 0xff) this.sized(0xd9, 1, k);
    else if (k <= 0xffff) this.sized(0xda, 2, k);
    else this.sized(0xdb, 4, k);
    this.raw(b);
  }

  binHeader(k: number): void {
    if (k <= 0xff) this.sized(0xc4, 1, k);
    else if (k <= 0xffff) this.sized(0xc5, 2, k);
    else this.sized(0xc6, 4, k);
  }

  arrayHeader(k: number): void {
    if (k <= 15) this.byte(0x90 | k);
    else if (k <= 0xffff) this.sized(0xdc, 2, k);
    else this.sized(0xdd, 4, k);
  }

  mapHeader(k: number): void {
    if (k <= 15) this.byte(0x80 | k);
    else if (k <= 0xffff) this.sized(0xde, 2, k);
    else this.sized(0xdf, 4, k);
  }

  extHeader(type: number, k: number): void {
    const fixed = [1, 2, 4, 8, 16].indexOf(k);
    if (fixed >= 0) this.byte(0xd4 + fixed);
    else if (k <= 0xff) this.sized(0xc7, 1, k);
    else if (k <= 0xffff) this.sized(0xc8, 2, k);
    else this.sized(0xc9, 4, k);
    this.byte(type & 0xff);
  }
}
