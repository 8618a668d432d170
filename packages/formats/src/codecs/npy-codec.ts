import type { FormatCodec } from '@interop/core';
import type { Tensor } from '@interop/core';
import { formatError } from '../errors.js';
import { readNpy } from '../npy/read-npy.js';
import { writeNpy } from '../npy/write-npy.js';
import { limitsOf } from './limits-of.js';
import { npyRecordOf, npyRecordsLayout } from './npy-layout.js';
import { listNpyStream, scanNpyStream, startsWithNpyMagic } from './npy-stream.js';

/**
 * NumPy `.npy`: one array. Its bytes are also a one-leaf Equinox stream, so it is the `.npy`
 * only when it holds exactly one record ({@link eqxCodec} otherwise).
 *
 * @example
 * ```ts
 * npyCodec.write(tensor); // what np.save writes
 * ```
 */
export const npyCodec: FormatCodec = {
  id: 'npy',
  title: 'NumPy .npy',
  noun: 'an .npy / .eqx leaf stream',
  extensions: ['.npy'],
  detect: startsWithNpyMagic,
  fits: (arrays) => arrays.length === 1,
  list: (source, options) => listNpyStream(source, limitsOf(options)),
  open: (bytes, options) => readNpy(bytes, { limits: limitsOf(options) }),
  openSource(source, options) {
    const [header] = scanNpyStream(source, limitsOf(options), 1);
    if (!header) throw formatError('E_FORMAT_TRUNCATED', 'The data ends inside an npy preamble', { offset: 0 });
    const end = header.dataOffset + header.byteLength;
    if (end !== source.size) {
      throw formatError('E_FORMAT_CORRUPT', 'Extra bytes follow the npy array', {
        offset: end,
        expected: `${end} bytes`,
        found: source.size,
        fix: 'For an Equinox leaf stream use readEqxLeaves',
      });
    }
    return npyRecordOf(source, header, 'leaf 0');
  },
  write: (tree) => writeNpy(tree as Tensor),
  layout: (tree) => npyRecordsLayout([tree as Tensor]),
};
