import type { Tensor } from '@interop/core';
import { formatError } from '../errors.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { byteSizeOf, tensorFromBytes } from '../tensor-bytes.js';
import { dtypeOfSafetensors } from './dtypes.js';
import { parseStrictJson } from './strict-json.js';

/** What a safetensors file holds. */
export interface Safetensors {
  /** Tensors by name, in file (data) order. */
  tensors: Map<string, Tensor>;
  /** The `__metadata__` string map, in file order, or `null` when absent. */
  metadata: Map<string, string> | null;
}

/** Options of {@link readSafetensors}. */
export interface ReadSafetensorsOptions {
  /** Size bounds; `maxHeaderBytes` caps the JSON header (safetensors itself allows 100 MB). */
  limits?: Partial<ReadLimits>;
}

const latin = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a `.safetensors` file: the u64 little-endian header length, the JSON header and the data,
 * checking (as the Rust library does) that the tensors tile the data section exactly.
 *
 * @throws {InteropError} E_FORMAT_TRUNCATED, E_FORMAT_LIMIT, E_FORMAT_CORRUPT, E_FORMAT_DTYPE,
 *   E_FORMAT_DUPLICATE_KEY, with the tensor name as path and the byte offset.
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(await readFile('model.safetensors'));
 * ```
 */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): Safetensors {
  const limits = resolveLimits(options.limits);
  if (bytes.length < 8) throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside the header length', { offset: 0 });
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(limits.maxHeaderBytes)) {
    throw formatError('E_FORMAT_LIMIT', 'The safetensors header is larger than the limit', {
      offset: 0, expected: `at most ${limits.maxHeaderBytes} bytes`, found: n.toString(),
    });
  }
  const headerEnd = 8 + Number(n);
  if (headerEnd > bytes.length) {
    throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside the JSON header', {
      offset: 8, expected: `${n} header bytes`, found: bytes.length - 8,
    });
  }
  let text: string;
  try {
    text = latin.decode(bytes.subarray(8, headerEnd));
  } catch {
    throw formatError('E_FORMAT_CORRUPT', 'The JSON header is not valid UTF-8', { offset: 8 });
  }
  const header = parseStrictJson(text, 8, limits.maxDepth);
  if (!(header instanceof Map)) throw formatError('E_FORMAT_MAGIC', 'Not a safetensors file: the header is not a JSON object', { offset: 8 });
  const dataLength = bytes.length - headerEnd;
  let metadata: Map<string, string> | null = null;
  const spans: Array<{ name: string; begin: number; end: number; make: () => Tensor }> = [];
  for (const [name, entry] of header) {
    const bad = (what: string): never => {
      throw formatError('E_FORMAT_CORRUPT', `Invalid safetensors entry: ${what}`, { path: name, offset: 8 });
    };
    if (name === '__metadata__') {
      if (!(entry instanceof Map)) return bad('__metadata__ must be an object');
      for (const v of entry.values()) if (typeof v !== 'string') bad('__metadata__ values must be strings');
      metadata = entry as Map<string, string>;
      continue;
    }
    if (!(entry instanceof Map)) return bad('expected an object');
    const dtypeName = entry.get('dtype');
    const shape = entry.get('shape');
    const offsets = entry.get('data_offsets');
    if (typeof dtypeName !== 'string' || !Array.isArray(shape) || !Array.isArray(offsets) || offsets.length !== 2) {
      return bad('expected dtype, shape and data_offsets');
    }
    const dtype = dtypeOfSafetensors(dtypeName);
    if (dtype === undefined) {
      throw formatError('E_FORMAT_DTYPE', `Unsupported safetensors dtype "${dtypeName.slice(0, 20)}"`, {
        path: name, offset: 8, found: dtypeName.slice(0, 20),
      });
    }
    const size = byteSizeOf(shape, dtype, limits, name, 8);
    const [begin, end] = offsets as unknown[];
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || (begin as number) < 0 || (end as number) > dataLength
      || (end as number) - (begin as number) !== size) {
      throw formatError('E_FORMAT_CORRUPT', 'data_offsets do not fit the shape or the file', {
        path: name, offset: 8, expected: `${size} bytes within ${dataLength}`, found: offsets.map(String),
      });
    }
    const b = begin as number;
    const dims = shape as number[];
    spans.push({ name, begin: b, end: end as number, make: () => tensorFromBytes(dtype, dims, bytes.subarray(headerEnd + b, headerEnd + b + size)) });
  }
  const sorted = [...spans].sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  for (const s of sorted) {
    if (s.begin !== at) {
      throw formatError('E_FORMAT_CORRUPT', 'Tensors overlap or leave a gap in the data', { path: s.name, offset: headerEnd + s.begin });
    }
    at = s.end;
  }
  if (at !== dataLength) {
    throw formatError('E_FORMAT_CORRUPT', 'The data section is longer or shorter than the tensors', {
      offset: headerEnd + at, expected: `${at} data bytes`, found: dataLength,
    });
  }
  return { tensors: new Map(sorted.map((s) => [s.name, s.make()])), metadata };
}
