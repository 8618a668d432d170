import type { DType, Tensor } from '@interop/core';
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

/** One tensor entry of a safetensors header. */
export interface SafetensorsEntry {
  /** Tensor name. */
  name: string;
  /** Element type. */
  dtype: DType;
  /** Shape. */
  shape: number[];
  /** Data offsets relative to the end of the header: `[begin, end)`. */
  begin: number;
  end: number;
}

/** A parsed safetensors header, with entries sorted by data offset. */
export interface SafetensorsHeader {
  /** Absolute offset of the data section. */
  headerEnd: number;
  /** Tensor entries in data order. */
  entries: SafetensorsEntry[];
  /** The `__metadata__` string map, or `null`. */
  metadata: Map<string, string> | null;
}

/**
 * Parses and checks a safetensors header without touching the data: `head` must hold at least the
 * first `8 + headerLength` bytes of a file of `fileLength` bytes. The entries must tile the data
 * section exactly, as the Rust library requires.
 *
 * @throws {InteropError} E_FORMAT_TRUNCATED, E_FORMAT_LIMIT, E_FORMAT_CORRUPT, E_FORMAT_DTYPE,
 *   E_FORMAT_DUPLICATE_KEY, with the tensor name as path and the byte offset.
 * @example
 * ```ts
 * const { entries } = readSafetensorsHeader(firstBytes, fileSize);
 * ```
 */
export function readSafetensorsHeader(head: Uint8Array, fileLength: number, options: ReadSafetensorsOptions = {}): SafetensorsHeader {
  const limits = resolveLimits(options.limits);
  if (head.length < 8) throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside the header length', { offset: 0 });
  const n = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(limits.maxHeaderBytes)) {
    throw formatError('E_FORMAT_LIMIT', 'The safetensors header is larger than the limit', {
      offset: 0,
      expected: `at most ${limits.maxHeaderBytes} bytes`,
      found: n.toString(),
    });
  }
  const headerEnd = 8 + Number(n);
  if (headerEnd > head.length || headerEnd > fileLength) {
    throw formatError('E_FORMAT_TRUNCATED', 'The file ends inside the JSON header', {
      offset: 8,
      expected: `${n} header bytes`,
      found: Math.min(head.length, fileLength) - 8,
    });
  }
  let text: string;
  try {
    text = latin.decode(head.subarray(8, headerEnd));
  } catch {
    throw formatError('E_FORMAT_CORRUPT', 'The JSON header is not valid UTF-8', { offset: 8 });
  }
  const header = parseStrictJson(text, 8, limits.maxDepth);
  if (!(header instanceof Map))
    throw formatError('E_FORMAT_MAGIC', 'Not a safetensors file: the header is not a JSON object', { offset: 8 });
  const dataLength = fileLength - headerEnd;
  let metadata: Map<string, string> | null = null;
  const entries: SafetensorsEntry[] = [];
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
        path: name,
        offset: 8,
        found: dtypeName.slice(0, 20),
      });
    }
    const size = byteSizeOf(shape, dtype, limits, name, 8);
    const [begin, end] = offsets as unknown[];
    if (
      !Number.isSafeInteger(begin) ||
      !Number.isSafeInteger(end) ||
      (begin as number) < 0 ||
      (end as number) > dataLength ||
      (end as number) - (begin as number) !== size
    ) {
      throw formatError('E_FORMAT_CORRUPT', 'data_offsets do not fit the shape or the file', {
        path: name,
        offset: 8,
        expected: `${size} bytes within ${dataLength}`,
        found: offsets.map(String),
      });
    }
    entries.push({ name, dtype, shape: shape as number[], begin: begin as number, end: end as number });
  }
  entries.sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  for (const s of entries) {
    if (s.begin !== at) {
      throw formatError('E_FORMAT_CORRUPT', 'Tensors overlap or leave a gap in the data', { path: s.name, offset: headerEnd + s.begin });
    }
    at = s.end;
  }
  if (at !== dataLength) {
    throw formatError('E_FORMAT_CORRUPT', 'The data section is longer or shorter than the tensors', {
      offset: headerEnd + at,
      expected: `${at} data bytes`,
      found: dataLength,
    });
  }
  return { headerEnd, entries, metadata };
}

/**
 * Reads a `.safetensors` file: the u64 little-endian header length, the JSON header and the data,
 * checking (as the Rust library does) that the tensors tile the data section exactly.
 *
 * @throws {InteropError} as {@link readSafetensorsHeader}.
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(await readFile('model.safetensors'));
 * ```
 */
export function readSafetensors(bytes: Uint8Array, options: ReadSafetensorsOptions = {}): Safetensors {
  const { headerEnd, entries, metadata } = readSafetensorsHeader(bytes, bytes.length, options);
  const tensors = new Map<string, Tensor>();
  for (const e of entries) {
    tensors.set(e.name, tensorFromBytes(e.dtype, e.shape, bytes.subarray(headerEnd + e.begin, headerEnd + e.end)));
  }
  return { tensors, metadata };
}
