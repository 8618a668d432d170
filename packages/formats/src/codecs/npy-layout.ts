import type { FileLayout, FileSource, Tensor } from '@interop/core';
import { npyRecordTensor } from '../npy/npy-file.js';
import { buildNpyHeader } from '../npy/header.js';
import type { NpyHeader } from '../npy/header.js';
import { rangeSource } from './source-tensor.js';

/**
 * npy records one after another (an `.npy` file is one, an `.eqx` stream one per leaf): each
 * header, then its data block by block; the same bytes as `writeNpy` of each.
 */
export function npyRecordsLayout(tensors: readonly Tensor[]): FileLayout {
  const records = tensors.map((tensor) => ({ tensor, header: buildNpyHeader(tensor.dtype, tensor.shape) }));
  return {
    byteLength: records.reduce((n, r) => n + r.header.length + r.tensor.byteLength, 0),
    arrays: records.map(({ tensor: t }, i) => ({ path: `leaf ${i}`, dtype: t.dtype, shape: [...t.shape], byteLength: t.byteLength })),
    async write(sink) {
      for (const r of records) {
        await sink.bytes(r.header);
        await sink.tensor(r.tensor);
      }
    },
  };
}

/** The lazy tensor of a scanned npy record (a Fortran-order one as a pending transpose). */
export function npyRecordOf(source: FileSource, header: NpyHeader, description: string): Tensor {
  return npyRecordTensor(header, rangeSource(source, [{ offset: header.dataOffset, byteLength: header.byteLength }], description));
}
