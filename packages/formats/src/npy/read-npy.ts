import { Tensor, stridesOf } from '@interop/core';
import { formatError } from '../errors.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { tensorFromBytes } from '../tensor-bytes.js';
import { parseNpyHeader } from './header.js';
import type { NpyHeader } from './header.js';

/** Options for {@link readNpy}. */
export interface ReadNpyOptions {
  /** Size and depth bounds; see {@link ReadLimits}. */
  limits?: Partial<ReadLimits>;
  /** Tree path to name in errors. */
  path?: string;
}

/** One record of a byte stream of concatenated npy records. */
export interface NpyRecord {
  /** The parsed header. */
  header: NpyHeader;
  /** The array, in C order. */
  tensor: Tensor;
  /** Offset just past the record's data. */
  end: number;
}

function toCOrder(t: Tensor): Tensor {
  // Fortran-order data of shape S is C-order data of reversed(S); transpose it back.
  const shape = t.shape;
  const n = t.data.length;
  if (shape.length < 2 || n === 0) return t;
  const rev = [...shape].reverse();
  const fStrides = stridesOf(rev).reverse();
  const out = new (t.data.constructor as new (n: number) => typeof t.data)(n);
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < n; c++) {
    let f = 0;
    for (let a = 0; a < shape.length; a++) f += idx[a]! * fStrides[a]!;
    (out as unknown as Uint8Array)[c] = (t.data as unknown as Uint8Array)[f]!;
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a]! < shape[a]!) break;
      idx[a] = 0;
    }
  }
  return new Tensor(t.dtype, shape, out);
}

/**
 * Reads the npy record that starts at `offset` and returns it with the offset of its end.
 *
 * @throws {InteropError} E_FORMAT_TRUNCATED when the data is shorter than the shape says, plus
 *   every error of {@link parseNpyHeader}.
 * @example
 * ```ts
 * const { tensor, end } = readNpyRecord(bytes, 0);
 * ```
 */
export function readNpyRecord(bytes: Uint8Array, offset: number, options: ReadNpyOptions = {}): NpyRecord {
  const path = options.path ?? '';
  const header = parseNpyHeader(bytes, offset, resolveLimits(options.limits), path);
  const end = header.dataOffset + header.byteLength;
  if (end > bytes.length) {
    throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy array', {
      path,
      offset: header.dataOffset,
      expected: `${header.byteLength} bytes`,
      found: bytes.length - header.dataOffset,
    });
  }
  const raw = tensorFromBytes(header.dtype, header.shape, bytes.subarray(header.dataOffset, end));
  return { header, tensor: header.fortranOrder ? toCOrder(raw) : raw, end };
}

/**
 * Reads a `.npy` file (what `np.save` / `jnp.save` write). `<V2` is read as bfloat16.
 *
 * @throws {InteropError} E_FORMAT_MAGIC, E_FORMAT_TRUNCATED, E_FORMAT_CORRUPT, E_FORMAT_DTYPE
 *   (big-endian, complex, structured), E_FORMAT_LIMIT.
 * @example
 * ```ts
 * const t = readNpy(await readFile('w.npy'));
 * t.shape; // [4, 3]
 * ```
 */
export function readNpy(bytes: Uint8Array, options: ReadNpyOptions = {}): Tensor {
  const rec = readNpyRecord(bytes, 0, options);
  if (rec.end !== bytes.length) {
    throw formatError('E_FORMAT_CORRUPT', 'Extra bytes follow the npy array', {
      path: options.path ?? '',
      offset: rec.end,
      expected: `${rec.end} bytes`,
      found: bytes.length,
      fix: 'For an Equinox leaf stream use readEqxLeaves',
    });
  }
  return rec.tensor;
}
