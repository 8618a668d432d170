import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { DType } from '@interop/core';
import { InteropError, sizeOf } from '@interop/core';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { openFlaxMsgpack } from '../msgpack/flax-file.js';
import { parseNpyHeader } from '../npy/header.js';
import { readNpz } from '../npz/npz.js';
import { readSafetensorsHeader } from '../safetensors/read-safetensors.js';
import { detectFormat } from './detect-format.js';
import type { FileFormat } from './detect-format.js';

/** One array of an inspected file. */
export interface InspectedArray {
  /** Tree path (`params/Dense_0/kernel`), tensor name, or `leaf 3` for Equinox streams. */
  path: string;
  dtype: DType;
  shape: readonly number[];
  /** Bytes of element data. */
  byteLength: number;
}

/** What {@link inspectFile} reports. */
export interface FileInspection {
  format: FileFormat;
  fileSize: number;
  arrays: InspectedArray[];
  /** Total number of elements over all arrays. */
  parameterCount: number;
  /** Total bytes of element data. */
  parameterBytes: number;
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  const { bytesRead } = await fh.read(buf, 0, length, offset);
  return buf.subarray(0, bytesRead);
}

async function npyStream(fh: FileHandle, size: number, limits: ReadLimits): Promise<InspectedArray[]> {
  const arrays: InspectedArray[] = [];
  let at = 0;
  while (at < size) {
    const pre = await readAt(fh, at, 12);
    const view = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
    // Version 1 stores a u16 header length at byte 8, later versions a u32; parseNpyHeader checks
    // the magic, version and limits on what we read here.
    const claimed = pre.length >= 12 ? (pre[6] === 1 ? 10 + view.getUint16(8, true) : 12 + view.getUint32(8, true)) : pre.length;
    const head = await readAt(fh, at, Math.min(size - at, claimed, 12 + limits.maxHeaderBytes));
    const h = parseNpyHeader(head, 0, limits, `leaf ${arrays.length}`);
    const end = at + h.dataOffset + h.byteLength;
    if (end > size) {
      throw new InteropError('E_FORMAT_TRUNCATED', 'The file ends inside an npy record', {
        path: `leaf ${arrays.length}`, offset: at, expected: `${h.byteLength} data bytes`, found: size - at - h.dataOffset,
      });
    }
    arrays.push({ path: `leaf ${arrays.length}`, dtype: h.dtype, shape: h.shape, byteLength: h.byteLength });
    at = end;
  }
  return arrays;
}

async function listArrays(fh: FileHandle, path: string, format: FileFormat, size: number, limits: ReadLimits) {
  if (format === 'npy') return npyStream(fh, size, limits);
  if (format === 'safetensors') {
    const n = Number(new DataView((await readAt(fh, 0, 8)).buffer).getBigUint64(0, true));
    const head = await readAt(fh, 0, Math.min(size, 8 + Math.min(n, limits.maxHeaderBytes + 1)));
    const { entries } = readSafetensorsHeader(head, size, { limits });
    return entries.map((e) => ({ path: e.name, dtype: e.dtype, shape: e.shape, byteLength: e.end - e.begin }));
  }
  if (format === 'npz') {
    // Note: zip entries may be deflated, so listing them means inflating; npz files are small.
    const arrays = readNpz(await readAt(fh, 0, size), { limits });
    return [...arrays].map(([name, t]) => ({ path: name, dtype: t.dtype, shape: t.shape, byteLength: t.byteLength }));
  }
  const file = await openFlaxMsgpack(path, { limits });
  try {
    return file.list().map((e) => ({ path: e.path, dtype: e.dtype, shape: e.shape, byteLength: e.byteLength }));
  } finally {
    await file.close();
  }
}

/**
 * Reports a checkpoint file's format and arrays (paths, shapes, dtypes, byte sizes) without
 * loading array data (npz excepted), reading headers at their offsets.
 *
 * @throws {InteropError} E_IO when the file cannot be opened; E_FORMAT_MAGIC when the format is
 *   not recognised; the format readers' codes for malformed files.
 * @example
 * ```ts
 * const { format, arrays, parameterCount } = await inspectFile('model.msgpack');
 * ```
 */
export async function inspectFile(path: string, options: { limits?: Partial<ReadLimits> } = {}): Promise<FileInspection> {
  const limits = resolveLimits(options.limits);
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (cause) {
    throw new InteropError('E_IO', `Cannot open "${path}"`, { cause, found: (cause as NodeJS.ErrnoException).code, fix: 'Check the path' });
  }
  try {
    const size = (await fh.stat()).size;
    const detected = detectFormat(await readAt(fh, 0, 16));
    if (detected === undefined) {
      throw new InteropError('E_FORMAT_MAGIC', `"${path}" is not a checkpoint format interop reads`, {
        offset: 0, expected: 'Flax/braintools msgpack, .npy, .eqx, .npz or .safetensors',
        fix: 'Pass a file written by flax.serialization, braintools, equinox, numpy or safetensors',
      });
    }
    const arrays = await listArrays(fh, path, detected, size, limits);
    const format: FileFormat = detected === 'npy' && arrays.length !== 1 ? 'eqx' : detected;
    return {
      format,
      fileSize: size,
      arrays,
      parameterCount: arrays.reduce((n, a) => n + sizeOf(a.shape), 0),
      parameterBytes: arrays.reduce((n, a) => n + a.byteLength, 0),
    };
  } finally {
    await fh.close();
  }
}
