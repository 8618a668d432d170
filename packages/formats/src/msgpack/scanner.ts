import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import type { ByteSource } from './byte-source.js';
import { foldChunkedArray } from './chunked.js';
import { scanArrayPayload } from './ext-payload.js';
import { ComplexValue, ExtValue } from './values.js';
import type { MsgpackMap, MsgpackValue } from './values.js';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Options of the msgpack scanner. */
export interface ScanOptions {
  /** Size and depth bounds. */
  limits: ReadLimits;
  /** Accept `__proto__`, `constructor` and `prototype` as map keys (they are safe in a `Map`). */
  allowUnsafeKeys?: boolean;
}

/**
 * Walks a msgpack document without reading array data: ext 1/3 leaves become `LazyArray`s that
 * record where their bytes lie.
 */
export class MsgpackScanner {
  pos = 0;

  constructor(
    readonly src: ByteSource,
    readonly options: ScanOptions,
  ) {}

  /** Reads the one top-level value and checks nothing follows it. */
  scanDocument(): MsgpackValue {
    const root = this.value('', 0);
    if (this.pos !== this.src.size) {
      throw formatError('E_FORMAT_CORRUPT', 'Extra bytes follow the msgpack document', {
        offset: this.pos,
        expected: `${this.pos} bytes`,
        found: this.src.size,
      });
    }
    return root;
  }

  bytes(n: number): Uint8Array {
    const b = this.src.read(this.pos, n);
    this.pos += n;
    return b;
  }

  uint(width: 1 | 2 | 4): number {
    const b = this.bytes(width);
    if (width === 1) return b[0]!;
    if (width === 2) return (b[0]! << 8) | b[1]!;
    return ((b[0]! << 24) >>> 0) + ((b[1]! << 16) | (b[2]! << 8) | b[3]!);
  }

  skip(n: number, path: string): number {
    const at = this.pos;
    if (at + n > this.src.size) {
      throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside a value', {
        path,
        offset: at,
        expected: `${n} bytes`,
        found: this.src.size - at,
      });
    }
    this.pos += n;
    return at;
  }

  count(n: number, minBytes: number, path: string, at: number): number {
    if (n > this.options.limits.maxEntries) {
      throw formatError('E_FORMAT_LIMIT', 'A map or array has more entries than the limit', {
        path,
        offset: at,
        expected: `at most ${this.options.limits.maxEntries}`,
        found: n,
      });
    }
    if (n * minBytes > this.src.size - this.pos) {
      throw formatError('E_FORMAT_TRUNCATED', 'A map or array claims more entries than the file holds', {
        path,
        offset: at,
        found: n,
      });
    }
    return n;
  }

  value(path: string, depth: number): MsgpackValue {
    const at = this.pos;
    const t = this.bytes(1)[0]!;
    if (t <= 0x7f) return BigInt(t);
    if (t >= 0xe0) return BigInt(t - 0x100);
    if (t <= 0x8f) return this.map(t & 0x0f, path, depth, at);
    if (t <= 0x9f) return this.array(t & 0x0f, path, depth, at);
    if (t <= 0xbf) return this.str(t & 0x1f, path);
    switch (t) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xc4:
      case 0xc5:
      case 0xc6: {
        const n = this.uint(t === 0xc4 ? 1 : t === 0xc5 ? 2 : 4);
        if (n > this.options.limits.maxArrayBytes) {
          throw formatError('E_FORMAT_LIMIT', 'A bin value is larger than the limit', { path, offset: at, found: n });
        }
        return this.bytes(n).slice();
      }
      case 0xc7:
        return this.ext(this.uint(1), path, at);
      case 0xc8:
        return this.ext(this.uint(2), path, at);
      case 0xc9:
        return this.ext(this.uint(4), path, at);
      case 0xca:
        return new DataView(this.bytes(4).slice().buffer).getFloat32(0);
      case 0xcb:
        return new DataView(this.bytes(8).slice().buffer).getFloat64(0);
      case 0xcc:
        return BigInt(this.uint(1));
      case 0xcd:
        return BigInt(this.uint(2));
      case 0xce:
        return BigInt(this.uint(4));
      case 0xcf:
        return new DataView(this.bytes(8).slice().buffer).getBigUint64(0);
      case 0xd0:
        return BigInt((this.uint(1) << 24) >> 24);
      case 0xd1:
        return BigInt((this.uint(2) << 16) >> 16);
      case 0xd2:
        return BigInt(this.uint(4) | 0);
      case 0xd3:
        return new DataView(this.bytes(8).slice().buffer).getBigInt64(0);
      case 0xd4:
      case 0xd5:
      case 0xd6:
      case 0xd7:
      case 0xd8:
        return this.ext(1 << (t - 0xd4), path, at);
      case 0xd9:
        return this.str(this.uint(1), path);
      case 0xda:
        return this.str(this.uint(2), path);
      case 0xdb:
        return this.str(this.uint(4), path);
      case 0xdc:
        return this.array(this.uint(2), path, depth, at);
      case 0xdd:
        return this.array(this.uint(4), path, depth, at);
      case 0xde:
        return this.map(this.uint(2), path, depth, at);
      case 0xdf:
        return this.map(this.uint(4), path, depth, at);
      default:
        throw formatError('E_FORMAT_CORRUPT', `Invalid msgpack type byte 0x${t.toString(16)}`, { path, offset: at });
    }
  }

  str(n: number, path: string): string {
    const at = this.pos;
    if (n > this.options.limits.maxHeaderBytes) {
      throw formatError('E_FORMAT_LIMIT', 'A string is longer than the limit', { path, offset: at, found: n });
    }
    const raw = this.bytes(n);
    try {
      return utf8.decode(raw);
    } catch {
      throw formatError('E_FORMAT_CORRUPT', 'A string is not valid UTF-8', { path, offset: at });
    }
  }

  enter(depth: number, path: string, at: number): void {
    if (depth >= this.options.limits.maxDepth) {
      throw formatError('E_FORMAT_DEPTH', 'The tree nests deeper than the limit', {
        path,
        offset: at,
        expected: `at most ${this.options.limits.maxDepth} levels`,
      });
    }
  }

  array(n: number, path: string, depth: number, at: number): MsgpackValue[] {
    this.enter(depth, path, at);
    this.count(n, 1, path, at);
    const out: MsgpackValue[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(path ? `${path}/${i}` : String(i), depth + 1));
    return out;
  }

  map(n: number, path: string, depth: number, at: number): MsgpackValue {
    this.enter(depth, path, at);
    this.count(n, 2, path, at);
    const out: MsgpackMap = new Map();
    for (let i = 0; i < n; i++) {
      const keyAt = this.pos;
      const raw = this.value(path, depth + 1);
      if (typeof raw !== 'string' && typeof raw !== 'bigint') {
        throw formatError('E_FORMAT_CORRUPT', 'A map key is neither a string nor an integer', {
          path,
          offset: keyAt,
          found: typeof raw,
        });
      }
      const key = String(raw);
      const child = path ? `${path}/${key}` : key;
      if (out.has(key)) {
        throw formatError('E_FORMAT_DUPLICATE_KEY', `A map repeats the key "${key}"`, { path: child, offset: keyAt });
      }
      if (!this.options.allowUnsafeKeys && UNSAFE_KEYS.has(key)) {
        throw formatError('E_FORMAT_UNSAFE_KEY', `The map key "${key}" is refused`, {
          path: child,
          offset: keyAt,
          fix: 'Pass allowUnsafeKeys: true if the file is trusted (maps are Map objects)',
        });
      }
      out.set(key, this.value(child, depth + 1));
    }
    return out.has('__msgpack_chunked_array__') ? foldChunkedArray(out, path, at) : out;
  }

  ext(n: number, path: string, at: number): MsgpackValue {
    const type = (this.bytes(1)[0]! << 24) >> 24;
    const start = this.skip(n, path);
    if (type === 1 || type === 3) {
      return scanArrayPayload(this.src, start, n, type === 1 ? 'ndarray' : 'npscalar', path, this.options.limits);
    }
    const data = this.src.read(start, n).slice();
    if (type === 2) return complexFromPayload(data, path, start);
    return new ExtValue(type, data);
  }
}

function complexFromPayload(data: Uint8Array, path: string, offset: number): ComplexValue {
  const v = new DataView(data.buffer);
  if (data.length !== 19 || data[0] !== 0x92 || data[1] !== 0xcb || data[10] !== 0xcb) {
    throw formatError('E_FORMAT_CORRUPT', 'A complex value is not two float64s', { path, offset });
  }
  return new ComplexValue(v.getFloat64(2), v.getFloat64(11));
}
