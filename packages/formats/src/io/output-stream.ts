import type { Tensor } from '@interop/core';
import type { FileHandle } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { AtomicWriteOptions } from './atomic-write.js';
import type { ProgressCallback } from './progress.js';

/** Options of the streaming writers (`saveNpy`, `saveEqxLeaves`, `saveSafetensors`, ...). */
export interface StreamWriteOptions extends AtomicWriteOptions {
  /** Called after each block is written, with the bytes written so far and the file's size. */
  onProgress?: ProgressCallback;
  /**
   * Bytes of tensor data computed and written at a time; a lazy tensor's pending layout steps run
   * one block at a time, so memory stays near two blocks plus one tensor's input box. @default 16 MiB
   */
  blockBytes?: number;
}

const SMALL = 1 << 22;

/** Fills `target` with bytes `[offset, offset + target.length)` of some data. */
export type BlockFill = (offset: number, target: Uint8Array) => void | Promise<void>;

/**
 * Writes one file front to back through an open handle: small parts (headers) are gathered into
 * one buffer, tensor data goes block by block, and each block is computed while the previous
 * one is being written.
 */
export class OutputStream {
  private pending = new Uint8Array(SMALL);
  private fill = 0;
  private blocks: [Uint8Array, Uint8Array] | undefined;
  private written = 0;
  /** Bytes handed to the stream so far (written or buffered). */
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    /** Size of the finished file, for progress events. */
    readonly total: number,
    private readonly options: StreamWriteOptions = {},
  ) {}

  private async put(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
    this.written += bytes.length;
    this.options.onProgress?.({ done: this.written, total: this.total });
  }

  private async flush(): Promise<void> {
    if (this.fill === 0) return;
    const full = this.pending.subarray(0, this.fill);
    this.fill = 0;
    await this.put(full);
  }

  /** Appends bytes (copied when small, so the caller may reuse its buffer; large ones in blocks). */
  async bytes(b: Uint8Array): Promise<void> {
    this.position += b.length;
    if (b.length <= SMALL - this.fill) {
      this.pending.set(b, this.fill);
      this.fill += b.length;
      return;
    }
    await this.flush();
    const size = this.options.blockBytes ?? 1 << 24;
    for (let off = 0; off < b.length; off += size) await this.put(b.subarray(off, Math.min(b.length, off + size)));
  }

  /**
   * Appends `length` bytes produced by `fill`, block by block; `observe` sees each block before
   * it is written (e.g. to checksum it).
   */
  async stream(length: number, fill: BlockFill, observe?: (block: Uint8Array) => void): Promise<void> {
    await this.flush();
    const size = Math.max(1, Math.min(this.options.blockBytes ?? 1 << 24, length));
    if (!this.blocks || this.blocks[0].length < size) this.blocks = [new Uint8Array(size), new Uint8Array(size)];
    let writing: Promise<void> | undefined;
    let k = 0;
    try {
      for (let off = 0; off < length; off += size, k ^= 1) {
        const block = this.blocks[k]!.subarray(0, Math.min(size, length - off));
        await fill(off, block);
        observe?.(block);
        await writing;
        writing = this.put(block);
      }
      await writing;
    } catch (e) {
      // The failure that stopped the loop is the one to report; a write still in flight is only
      // awaited so that the handle is quiet before it is closed.
      await writing?.catch(() => undefined);
      throw e;
    }
    this.position += length;
  }

  /**
   * Appends bytes `[start, start + length)` of a tensor's C-order data (all of it by default);
   * a lazy tensor is read and transformed one block at a time, an in-memory one written as is.
   */
  async tensor(t: Tensor, start = 0, length = t.byteLength - start, observe?: (block: Uint8Array) => void): Promise<void> {
    if (!t.isLazy) {
      const bytes = t.bytes().subarray(start, start + length);
      observe?.(bytes);
      await this.bytes(bytes);
      return;
    }
    await this.stream(length, (off, target) => t.readBytes(start + off, target), observe);
  }

  /** Overwrites bytes already written at `position` (e.g. a checksum in a header). */
  async patch(position: number, bytes: Uint8Array): Promise<void> {
    await this.flush();
    let done = 0;
    while (done < bytes.length) {
      done += (await this.handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
    }
  }

  /** Writes what is still buffered. */
  async end(): Promise<void> {
    await this.flush();
  }
}

/**
 * Writes a file of `total` bytes atomically (temporary file, fsync, rename) through an
 * {@link OutputStream}; on any failure, including one thrown by `body`, neither the output nor
 * the temporary file is left behind.
 *
 * @example
 * ```ts
 * await writeStreamAtomic('w.npy', header.length + t.byteLength, {}, async (out) => {
 *   await out.bytes(header);
 *   await out.tensor(t);
 * });
 * ```
 */
export async function writeStreamAtomic(
  path: string,
  total: number,
  options: StreamWriteOptions,
  body: (out: OutputStream) => Promise<void>,
): Promise<void> {
  await writeFileAtomic(path, async (handle) => {
    const out = new OutputStream(handle, total, options);
    await body(out);
    await out.end();
  }, { inputs: options.inputs, fsync: options.fsync });
}
