import { formatError } from '../errors.js';
import { ByteCursor } from './byte-cursor.js';
import { crc32c } from './crc32c.js';
import { decompressZstd } from './zstd.js';

/** The magic numbers of the three OCDBT object kinds. */
export const OCDBT_MAGIC = { manifest: 0x0cdb3a2a, versionNode: 0x0cdb1234, btreeNode: 0x0cdb20de } as const;

const NAMES: Record<number, string> = { 0x0cdb3a2a: 'OCDBT manifest', 0x0cdb1234: 'OCDBT version node', 0x0cdb20de: 'OCDBT B+tree node' };

/**
 * Opens the envelope every OCDBT object shares (magic, length, version 0, compression, body,
 * CRC-32C): checks the magic, the length, the checksum, and returns the (decompressed) body.
 *
 * @throws {InteropError} E_FORMAT_MAGIC for another magic; E_FORMAT_CORRUPT for a bad length,
 *   version, compression or checksum; E_FORMAT_LIMIT when the body decodes past `maxBodyBytes`.
 * @example
 * ```ts
 * const body = openEnvelope(await readFile('manifest.ocdbt'), OCDBT_MAGIC.manifest, 100_000_000);
 * ```
 */
export function openEnvelope(bytes: Uint8Array, magic: number, maxBodyBytes: number): Uint8Array {
  const what = NAMES[magic] ?? 'OCDBT object';
  if (bytes.length < 4 + 8 + 2 + 4) {
    throw formatError('E_FORMAT_TRUNCATED', `The ${what} is too short`, { expected: 'at least 18 bytes', found: bytes.length });
  }
  const found = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (found !== magic) {
    throw formatError('E_FORMAT_MAGIC', `Not an ${what}`, { expected: `0x${magic.toString(16)}`, found: `0x${found.toString(16)}` });
  }
  const c = new ByteCursor(bytes, what);
  c.pos = 4;
  const length = c.u64le();
  if (length !== BigInt(bytes.length))
    c.corrupt('the length field disagrees with the data', { expected: bytes.length, found: length.toString() });
  const stored = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  const actual = crc32c(bytes.subarray(0, bytes.length - 4));
  if (stored !== actual) {
    throw formatError('E_FORMAT_CORRUPT', `The ${what} fails its CRC-32C check`, {
      expected: `0x${actual.toString(16)}`,
      found: `0x${stored.toString(16)}`,
    });
  }
  if (c.varint() !== 0) c.corrupt('unknown format version');
  const compression = c.varint();
  const raw = bytes.subarray(c.pos, bytes.length - 4);
  if (compression === 0) {
    if (raw.length > maxBodyBytes) {
      throw formatError('E_FORMAT_LIMIT', `The ${what} is larger than allowed`, {
        expected: `at most ${maxBodyBytes} bytes`,
        found: raw.length,
      });
    }
    return raw;
  }
  if (compression === 1) return decompressZstd(raw, { max: maxBodyBytes }, `the ${what}`);
  return c.corrupt('unknown compression method', { expected: '0 or 1', found: compression });
}
