import { Decompress } from 'fzstd';
import { formatError } from '../errors.js';
import type { StoredValue } from './sync-values.js';
import type { ByteView } from './zstd.js';
import { checkZstdFrames } from './zstd.js';

const PAGE = 1 << 16;

/** A {@link ByteView} over a stored value, read a 64 KiB page at a time (the frame walk is sequential). */
function pagedView(value: StoredValue): ByteView {
  let base = -1;
  let page = new Uint8Array(0);
  return {
    length: value.length,
    at(i) {
      if (i < base || i >= base + page.length) {
        base = i - (i % PAGE);
        page = new Uint8Array(Math.min(PAGE, value.length - base));
        value.read(base, page);
      }
      return page[i - base]!;
    },
  };
}

/**
 * Decodes ranges of a zstd-compressed chunk too large to keep decoded, front to back: the frames
 * are checked once (as {@link checkZstdFrames} does), compressed bytes are read and pushed in small
 * pieces, and only the requested range is copied out. Reads that move forward continue where the
 * last one stopped (the writers read blocks in order); a read behind it starts over. Memory: the
 * decoder's window, plus the output of one pushed piece (pieces shrink to 1 KiB when the data
 * expands a lot).
 *
 * @example
 * ```ts
 * const cursor = new ZstdCursor(1 << 30, 'emb/0.0');
 * values.use('emb/0.0', (v) => cursor.read(v, 0, block));
 * ```
 */
export class ZstdCursor {
  private decoder: Decompress | undefined;
  private inPos = 0;
  private outPos = 0;
  private carry: Uint8Array[] = [];
  private carryStart = 0;
  private checked = false;
  private piece = 1 << 18;
  private sink: ((chunk: Uint8Array) => void) | undefined;

  constructor(
    /** The decoded size, from the zarr metadata. */
    readonly size: number,
    /** The chunk key, for messages. */
    readonly what: string,
  ) {}

  /**
   * Fills `target` with decoded bytes `[offset, offset + target.length)`.
   *
   * @throws {InteropError} E_FORMAT_CORRUPT for invalid data or data ending early; E_FORMAT_LIMIT
   *   for data decoding past the chunk's size.
   */
  read(value: StoredValue, offset: number, target: Uint8Array): void {
    if (!this.checked) {
      checkZstdFrames(pagedView(value), this.size, this.what, this.size);
      this.checked = true;
    }
    const end = offset + target.length;
    if (!this.decoder || offset < this.carryStart) this.restart();
    let filled = 0;
    const take = (chunk: Uint8Array, at: number): void => {
      const lo = Math.max(at, offset);
      const hi = Math.min(at + chunk.length, end);
      if (lo < hi) {
        target.set(chunk.subarray(lo - at, hi - at), lo - offset);
        filled += hi - lo;
      }
    };
    let at = this.carryStart;
    for (const c of this.carry) {
      take(c, at);
      at += c.length;
    }
    const kept: Uint8Array[] = [];
    let keptStart = -1;
    this.sink = (chunk) => {
      const start = this.outPos;
      this.outPos += chunk.length;
      if (this.outPos > this.size) {
        throw formatError('E_FORMAT_LIMIT', `zstd data in ${this.what} decodes to more bytes than its chunk holds`, {
          expected: `${this.size} bytes`,
          found: `more than ${this.size}`,
        });
      }
      take(chunk, start);
      if (this.outPos > end) {
        if (keptStart < 0) keptStart = start;
        kept.push(chunk);
      }
    };
    while (this.outPos < end && this.inPos < value.length) {
      const n = Math.min(this.piece, value.length - this.inPos);
      const bytes = new Uint8Array(n);
      value.read(this.inPos, bytes);
      this.inPos += n;
      const before = this.outPos;
      try {
        this.decoder!.push(bytes, this.inPos === value.length);
      } catch (e) {
        this.decoder = undefined;
        if (e instanceof Error && 'code' in e && typeof e.code === 'string') throw e;
        throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${this.what}: ${(e as Error).message}`, { cause: e });
      }
      if (this.outPos - before > 64 * n) this.piece = Math.max(1024, this.piece >> 2);
    }
    if (filled !== target.length) {
      this.decoder = undefined;
      throw formatError('E_FORMAT_CORRUPT', `zstd data in ${this.what} decodes to fewer bytes than its chunk holds`, {
        expected: `${this.size} bytes`,
        found: this.outPos,
      });
    }
    this.carry = kept;
    this.carryStart = keptStart < 0 ? this.outPos : keptStart;
  }

  private restart(): void {
    this.decoder = new Decompress((chunk) => this.sink!(chunk));
    this.inPos = 0;
    this.outPos = 0;
    this.carry = [];
    this.carryStart = 0;
    this.piece = 1 << 18;
  }
}
