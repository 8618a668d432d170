/**
 * Where the elements of a lazy tensor come from: the C-order, little-endian element bytes of an
 * array that lies somewhere else (a range of a checkpoint file, several ranges for a chunked
 * array). `@interop/formats` supplies sources for the files it reads; core only calls `read`.
 *
 * @example
 * ```ts
 * const bytes = new Uint8Array(24); // six float32 zeros
 * const source: TensorSource = {
 *   byteLength: bytes.length,
 *   read: (offset, target) => target.set(bytes.subarray(offset, offset + target.length)),
 * };
 * const t = Tensor.fromSource('float32', [2, 3], source); // nothing read yet
 * ```
 */
export interface TensorSource {
  /** Bytes of element data; must equal the tensor's element count times its item size. */
  readonly byteLength: number;
  /**
   * Fills all of `target` with the element bytes that start at byte `offset`. Called
   * synchronously, possibly many times and in any order; throws (an `InteropError`, e.g. `E_IO`)
   * when the bytes cannot be read.
   */
  read(offset: number, target: Uint8Array): void;
  /** Where the bytes are, for messages (`ckpt.msgpack: params/Dense_0/kernel`). */
  readonly description?: string;
}
