import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { DType, FormatCodec } from '@interop/core';
import { InteropError, sizeOf } from '@interop/core';
import { FORMAT_CODECS } from '../codecs/index.js';
import { resolveLimits } from '../limits.js';
import type { ReadLimits } from '../limits.js';
import { fileSource } from '../msgpack/byte-source.js';
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

/** Options of {@link inspectFile}. */
export interface InspectOptions {
  /** Size, count and depth bounds; see {@link ReadLimits}. */
  limits?: Partial<ReadLimits>;
  /**
   * The formats to recognise, tried in order ({@link FORMAT_CODECS} by default; the CLI adds
   * its plugins' formats).
   */
  codecs?: readonly FormatCodec[];
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
export async function inspectFile(path: string, options: InspectOptions = {}): Promise<FileInspection> {
  const limits = resolveLimits(options.limits);
  const codecs = options.codecs ?? FORMAT_CODECS;
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (cause) {
    throw new InteropError('E_IO', `Cannot open "${path}"`, { cause, found: (cause as NodeJS.ErrnoException).code, fix: 'Check the path' });
  }
  try {
    const size = (await fh.stat()).size;
    const source = fileSource(fh.fd, size);
    const head = source.read(0, Math.min(16, size)).slice();
    const detected = codecs.filter((c) => c.detect(head));
    if (detected.length === 0) {
      throw new InteropError('E_FORMAT_MAGIC', `"${path}" is not a checkpoint format interop reads`, {
        offset: 0,
        expected:
          codecs === FORMAT_CODECS ? 'Flax/braintools msgpack, .npy, .eqx, .npz or .safetensors' : codecs.map((c) => c.title).join(', '),
        fix:
          codecs === FORMAT_CODECS
            ? 'Pass a file written by flax.serialization, braintools, equinox, numpy or safetensors'
            : 'Pass a checkpoint file of one of these formats',
      });
    }
    const arrays = detected[0]!.list(source, { limits: { ...limits } });
    // Formats that share their first bytes (an .npy file is a one-leaf .eqx stream) tell each
    // other apart by what the listing holds.
    const format: FileFormat = (detected.find((c) => c.fits?.(arrays) ?? true) ?? detected[0]!).id;
    return {
      format,
      fileSize: size,
      arrays: arrays as InspectedArray[],
      parameterCount: arrays.reduce((n, a) => n + sizeOf(a.shape), 0),
      parameterBytes: arrays.reduce((n, a) => n + a.byteLength, 0),
    };
  } finally {
    await fh.close();
  }
}
