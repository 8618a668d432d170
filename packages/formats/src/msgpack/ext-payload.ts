import { formatError } from '../errors.js';
import type { ReadLimits } from '../limits.js';
import { byteSizeOf } from '../tensor-bytes.js';
import type { ByteSource } from './byte-source.js';
import { dtypeOfNumpyName } from './dtype-names.js';
import { LazyArray } from './values.js';

const latin1 = new TextDecoder('latin1');

/**
 * Reads the header of a Flax ext 1/3 payload (`[shape, dtype name, raw bytes]`) that spans
 * `[start, start + length)` and returns a {@link LazyArray} pointing at the raw bytes.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT when the payload is not that triple or its data length
 *   does not match the shape; E_FORMAT_DTYPE, E_FORMAT_LIMIT, E_FORMAT_TRUNCATED.
 * @example
 * ```ts
 * const leaf = scanArrayPayload(src, 40, 61, 'ndarray', 'params/w', DEFAULT_LIMITS);
 * ```
 */
export function scanArrayPayload(
  src: ByteSource,
  start: number,
  length: number,
  kind: 'ndarray' | 'npscalar',
  path: string,
  limits: ReadLimits,
): LazyArray {
  const end = start + length;
  let pos = start;
  const corrupt = (what: string): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid array payload: ${what}`, { path, offset: pos });
  };
  const byte = (): number => {
    if (pos >= end) corrupt('it ends early');
    return src.read(pos++, 1)[0]!;
  };
  const uint = (width: number): number => {
    if (pos + width > end) corrupt('it ends early');
    const b = src.read(pos, width);
    pos += width;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + b[k]!;
    return v;
  };
  if (byte() !== 0x93) corrupt('expected a 3-element array');
  const t = byte();
  let rank: number;
  if (t >= 0x90 && t <= 0x9f) rank = t & 0x0f;
  else if (t === 0xdc) rank = uint(2);
  else return corrupt('expected the shape array');
  if (rank > 64) {
    throw formatError('E_FORMAT_LIMIT', 'An array has more than 64 dimensions', { path, offset: pos, found: rank });
  }
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const d = byte();
    if (d <= 0x7f) shape.push(d);
    else if (d >= 0xcc && d <= 0xcf) shape.push(uint(1 << (d - 0xcc)));
    else corrupt('a dimension is not a non-negative integer');
  }
  const n = byte();
  let nameLength: number;
  if (n >= 0xa0 && n <= 0xbf) nameLength = n & 0x1f;
  else if (n === 0xd9 || n === 0xc4) nameLength = uint(1);
  else return corrupt('expected the dtype name');
  if (pos + nameLength > end) corrupt('it ends early');
  const nameAt = pos;
  const name = latin1.decode(src.read(pos, nameLength));
  pos += nameLength;
  const dtype = dtypeOfNumpyName(name, path, nameAt);
  const b = byte();
  if (b < 0xc4 || b > 0xc6) corrupt('expected the data bytes');
  const dataLength = uint(b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4);
  const expected = byteSizeOf(shape, dtype, limits, path, start);
  if (dataLength !== expected || pos + dataLength !== end) {
    throw formatError('E_FORMAT_CORRUPT', 'An array payload holds the wrong number of bytes', {
      path,
      offset: pos,
      expected: `${expected} bytes for ${dtype}[${shape.join(', ')}]`,
      found: dataLength,
    });
  }
  return new LazyArray(dtype, shape, [{ offset: pos, byteLength: dataLength }], kind, path);
}
