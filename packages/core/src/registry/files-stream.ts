import type { Tensor } from '../tensor/tensor.js';
import type { FileArray } from './files.js';

/**
 * Where a codec's streaming writer puts a file, front to back. `@interop/formats`'
 * `OutputStream` is one (an atomic file write with progress); core holds no file system code.
 *
 * @example
 * ```ts
 * await sink.bytes(header);
 * await sink.tensor(kernel); // a lazy tensor is read and transformed one block at a time
 * ```
 */
export interface TensorSink {
  /** Bytes appended so far. */
  readonly position: number;
  /** Appends bytes (the sink may keep a reference to large ones until written). */
  bytes(bytes: Uint8Array): Promise<void>;
  /**
   * Appends bytes `[start, start + length)` of a tensor's C-order data (all of it by default);
   * `observe` sees each block before it is written (e.g. to checksum it).
   */
  tensor(t: Tensor, start?: number, length?: number, observe?: (block: Uint8Array) => void): Promise<void>;
  /** Overwrites bytes already appended at `position` (a checksum in a header written before). */
  patch(position: number, bytes: Uint8Array): Promise<void>;
}

/**
 * A file laid out from a tree's shapes and dtypes before any tensor data is read: its size, its
 * arrays in file order (what `FormatCodec.list` would give for the written file), and the writer.
 *
 * @example
 * ```ts
 * const layout = codec.layout!(tree);
 * await writeStreamAtomic(path, layout.byteLength, { onProgress }, (out) => layout.write(out));
 * ```
 */
export interface FileLayout {
  /** Size of the file in bytes. */
  readonly byteLength: number;
  /** The file's arrays in file order. */
  readonly arrays: readonly FileArray[];
  /** Writes the file into `sink`, front to back (with patches at most of bytes already written). */
  write(sink: TensorSink): Promise<void>;
}
