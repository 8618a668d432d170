import { Decompress } from 'fzstd';
import * as zlib from 'node:zlib';
import { formatError } from '../errors.js';

const ZSTD_MAGIC = 0xfd2fb528;
const BLOCK_MAX = 128 * 1024;

/** How many bytes a zstd stream may decode to. */
export interface ZstdBound {
  /** The exact decoded size the caller knows from metadata (a zarr chunk). */
  exact?: number;
  /** The most bytes accepted (an OCDBT node: `max_decoded_node_bytes`). */
  max: number;
}

/** What walking one frame's headers found. */
export interface FrameInfo {
  /** Offset just past the frame (checksum included). */
  end: number;
  /** The declared content size, when the header has one. */
  contentSize?: number;
  /** The window the decoder allocates: the content size for single-segment frames. */
  window: number;
  /** Number of blocks. */
  blocks: number;
  /** Bytes that raw and RLE blocks produce (their sizes are exact). */
  exactBytes: number;
  /** The most bytes the compressed blocks can produce (128 KiB or the window each). */
  compressedBound: number;
}

/** Byte access for the frame walker: an in-memory array, or pages read from a file. */
export interface ByteView {
  /** Total bytes. */
  readonly length: number;
  /** The byte at `i` (`i < length`). */
  at(i: number): number;
}

/**
 * A {@link ByteView} over bytes in memory.
 *
 * @example
 * ```ts
 * arrayView(Uint8Array.of(1, 2)).at(1); // 2
 * ```
 */
export const arrayView = (b: Uint8Array): ByteView => ({ length: b.length, at: (i) => b[i]! });

function readLe(b: ByteView, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + b.at(at + i);
  return v;
}

/**
 * Walks one frame's header and block headers (no decoding) and returns where it ends and how much
 * it can produce.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a malformed header or block header.
 */
export function scanFrame(b: ByteView, at: number, what: string): FrameInfo {
  const bad = (why: string, offset = at): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: ${why}`, { offset });
  };
  if (at + 6 > b.length) bad('the frame header ends early');
  const fhd = b.at(at + 4);
  const single = (fhd >> 5) & 1;
  if (fhd & 8) bad('a reserved bit is set');
  const dictBytes = [0, 1, 2, 4][fhd & 3]!;
  const fcsBytes = [single, 2, 4, 8][fhd >> 6]!;
  let p = at + 5;
  let window = 0;
  if (!single) {
    const wd = b.at(p++);
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
  }
  if (p + dictBytes + fcsBytes > b.length) bad('the frame header ends early');
  if (dictBytes && readLe(b, p, dictBytes) !== 0) bad('the frame needs a dictionary');
  p += dictBytes;
  let contentSize: number | undefined;
  if (fcsBytes) contentSize = readLe(b, p, fcsBytes) + (fcsBytes === 2 ? 256 : 0);
  p += fcsBytes;
  if (single) window = contentSize!;
  let blocks = 0;
  let exactBytes = 0;
  let compressedBound = 0;
  for (;;) {
    if (p + 3 > b.length) bad('a block header is missing', p);
    const h = b.at(p) | (b.at(p + 1) << 8) | (b.at(p + 2) << 16);
    const type = (h >> 1) & 3;
    const size = h >>> 3;
    if (type === 3) bad('a block has the reserved type', p);
    if (size > BLOCK_MAX) bad('a block is larger than 128 KiB', p);
    blocks++;
    if (type === 2) compressedBound += Math.min(BLOCK_MAX, window);
    else exactBytes += size;
    p += 3 + (type === 1 ? 1 : size);
    if (p > b.length) bad('a block ends past the data', p);
    if (h & 1) break;
  }
  if (fhd & 4) p += 4;
  if (p > b.length) bad('the checksum is missing', p);
  const info = { end: p, window, blocks, exactBytes, compressedBound };
  return contentSize === undefined ? info : { ...info, contentSize };
}

type NativeZstd = (input: Uint8Array, options: { maxOutputLength: number; chunkSize: number }) => Uint8Array;
// Note: Node 22.15+ decodes zstd natively, several times faster than fzstd (decision 018).
const native = (zlib as unknown as { zstdDecompressSync?: NativeZstd }).zstdDecompressSync;

/** Decodes a chunk of known size with Node's own zstd, bounded by `maxOutputLength`. */
function decodeNative(decode: NativeZstd, input: Uint8Array, exact: number, what: string): Uint8Array {
  let out: Uint8Array;
  try {
    out = decode(input, { maxOutputLength: exact, chunkSize: Math.min(Math.max(exact, 1 << 16), 1 << 26) });
  } catch (e) {
    if (e instanceof RangeError && 'code' in e && e.code === 'ERR_BUFFER_TOO_LARGE') {
      throw formatError('E_FORMAT_LIMIT', `zstd data in ${what} decodes to more bytes than allowed`, {
        expected: `at most ${exact} bytes`,
        found: `more than ${exact}`,
      });
    }
    throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: ${(e as Error).message}`, { cause: e });
  }
  if (out.length !== exact) {
    throw formatError('E_FORMAT_CORRUPT', `zstd data in ${what} decodes to the wrong size`, {
      expected: `${exact} bytes`,
      found: out.length,
    });
  }
  return out;
}

/** Largest window accepted, libzstd's own default decoder limit (`ZSTD_WINDOWLOG_LIMIT_DEFAULT`, 2^27). */
export const ZSTD_WINDOW_MAX = 2 ** 27;

/**
 * Walks every frame of zstd data (skippable frames skipped) and checks, before anything is
 * decoded or allocated, that it stays within `max` decoded bytes: declared content sizes, raw and
 * RLE block sizes (exact), compressed blocks that could not reach a declared size, windows, and
 * the decoder's work (every block moves its window once, so many tiny blocks under a large
 * window would take minutes: blocks x window is bounded by 2^32 or 256 bytes per output byte),
 * and, given the `exact` size a chunk must decode to, that its blocks could produce that much.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for invalid data; E_FORMAT_LIMIT over a bound.
 * @example
 * ```ts
 * const frames = checkZstdFrames(arrayView(chunk), 48, 'params/w/0.0');
 * ```
 */
export function checkZstdFrames(input: ByteView, max: number, what: string, exact?: number): Array<[number, number]> {
  const tooBig = (found: unknown): never => {
    throw formatError('E_FORMAT_LIMIT', `zstd data in ${what} decodes to more bytes than allowed`, {
      expected: `at most ${max} bytes`,
      found,
    });
  };
  const frames: Array<[number, number]> = [];
  let declared = 0;
  let exactSum = 0;
  let work = 0;
  let possible = 0;
  const workMax = Math.max(2 ** 32, 256 * max);
  for (let at = 0; at < input.length; ) {
    if (at + 8 > input.length) throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: trailing bytes`, { offset: at });
    const magic = readLe(input, at, 4);
    if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
      at += 8 + readLe(input, at + 4, 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: bad frame magic`, { offset: at });
    const f = scanFrame(input, at, what);
    if (f.contentSize !== undefined) {
      declared += f.contentSize;
      if (declared > max) tooBig(`${declared} declared`);
      if (f.exactBytes + f.compressedBound < f.contentSize) {
        throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: the blocks cannot produce the declared size`, {
          offset: at,
          expected: `${f.contentSize} bytes`,
          found: `at most ${f.exactBytes + f.compressedBound}`,
        });
      }
    }
    exactSum += f.exactBytes;
    possible += f.exactBytes + f.compressedBound;
    if (exactSum > max) tooBig(`${exactSum} in raw and RLE blocks`);
    if (f.window > Math.min(ZSTD_WINDOW_MAX, Math.max(2 * max, 1 << 20))) tooBig(`a ${f.window}-byte window`);
    work += f.blocks * Math.min(f.window, max + BLOCK_MAX);
    if (work > workMax) {
      throw formatError('E_FORMAT_LIMIT', `zstd data in ${what} would take too much decoding work`, {
        expected: `blocks x window at most ${workMax}`,
        found: `${f.blocks} blocks of a ${f.window}-byte window`,
      });
    }
    frames.push([at, f.end]);
    at = f.end;
  }
  // Nothing is allocated for a chunk its blocks could never fill (a few bytes claiming a terabyte).
  if (exact !== undefined && possible < exact) {
    throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: its blocks cannot produce the chunk's ${exact} bytes`, {
      expected: `${exact} bytes`,
      found: `at most ${possible}`,
    });
  }
  return frames;
}

/**
 * Decompresses zstd data (one or more standard frames, as tensorstore and riegeli write them)
 * without ever producing more than the bound: frame headers are checked first (no dictionaries,
 * declared content size and window within the bound), then blocks are decoded one at a time and
 * decoding stops as soon as the output would pass the bound. Chunks of a known size from 64 KiB
 * up are decoded by Node's own zstd where it has one (22.15+), bounded by `maxOutputLength`.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for invalid data or a size other than `bound.exact`;
 *   E_FORMAT_LIMIT when the data decodes (or claims to decode) to more than the bound.
 * @example
 * ```ts
 * const bytes = decompressZstd(chunk, { exact: 48, max: 48 }, 'params/w/0.0');
 * ```
 */
export function decompressZstd(input: Uint8Array, bound: ZstdBound, what: string): Uint8Array {
  const max = bound.exact ?? bound.max;
  const tooBig = (found: unknown): never => {
    throw formatError('E_FORMAT_LIMIT', `zstd data in ${what} decodes to more bytes than allowed`, {
      expected: `at most ${max} bytes`,
      found,
    });
  };
  const frames = checkZstdFrames(arrayView(input), max, what, bound.exact);
  if (native && bound.exact !== undefined && bound.exact >= 1 << 16) return decodeNative(native, input, bound.exact, what);
  // Note: only a size known from metadata is allocated up front; otherwise pieces are collected.
  const out = bound.exact !== undefined ? new Uint8Array(bound.exact) : undefined;
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (const [start, end] of frames) {
    const d = new Decompress((chunk) => {
      if (size + chunk.length > max) tooBig(`more than ${max}`);
      if (out) out.set(chunk, size);
      else pieces.push(chunk.slice());
      size += chunk.length;
    });
    try {
      d.push(input.subarray(start, end), true);
    } catch (e) {
      if (e instanceof Error && 'code' in e && typeof e.code === 'string') throw e;
      throw formatError('E_FORMAT_CORRUPT', `Invalid zstd data in ${what}: ${(e as Error).message}`, { cause: e });
    }
  }
  if (bound.exact !== undefined && size !== bound.exact) {
    throw formatError('E_FORMAT_CORRUPT', `zstd data in ${what} decodes to the wrong size`, {
      expected: `${bound.exact} bytes`,
      found: size,
    });
  }
  if (out) return out;
  const joined = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
}
