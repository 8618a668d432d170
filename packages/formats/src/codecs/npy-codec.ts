import type { FormatCodec } from '@interop/core';
import type { Tensor } from '@interop/core';
import { readNpy } from '../npy/read-npy.js';
import { writeNpy } from '../npy/write-npy.js';
import { limitsOf } from './limits-of.js';
import { listNpyStream, startsWithNpyMagic } from './npy-stream.js';

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
  write: (tree) => writeNpy(tree as Tensor),
};
