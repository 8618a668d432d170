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
   * one block at a time, so memory stays near two blocks plus one block's input. @default 16 MiB
   */
  blockBytes?: number;
}

const SMALL = 1 << 22;

/** Fills `target` with bytes `[offset, offset + target.length)` of some data. */
export type BlockFill = (offset: number, target: Uint8Array) => void | Promise<void>;

/**
 * Writes one file front to back through an open handle: small parts (headers) are gathered into
 * one buffer, tensor data goes block by block through two alternating buffers, and writes run in
 * order in the background, so the next block (of the same tensor or the next) is computed while
 * the previous one is written.
 */
export class OutputStream {
  private pending = new Uint8Array(SMALL);
  private fill = 0;
  private blocks: Uint8Array[] = [];
  private busy: Array<Promise<void> | undefined> = [undefined, undefined];
  private next = 0;
  private tail: Promise<void> = Promise.resolve();
  private written = 0;
  private queued = 0;
  private failure: unknown;
  /** Bytes handed to the stream so far (written, being written or buffered). */
  position = 0;

  constructor(
    private readonly handle: FileHandle,
    /** Size of the finished file, for progress events. */
    readonly total: number,
    private readonly options: StreamWriteOptions = {},
  ) {}

  private get blockBytes(): number {
    return Math.max(1, this.options.blockBytes ?? 1 << 24);
  }

  /** Queues a write after the ones before it; the bytes must stay unchanged until it settles. */
  private enqueue(bytes: Uint8Array): Promise<void> {
    this.queued += bytes.length;
    this.tail = this.tail.then(async () => {
      let done = 0;
      while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done)).bytesWritten;
      this.queued -= bytes.length;
      this.written += bytes.length;
      this.options.onProgress?.({ done: this.written, total: this.total });
    });
    // The first failure is kept and rethrown at the next block, so that no more work is done.
    this.tail.catch((e: unknown) => {
      this.failure ??= e;
    });
    return this.tail;
  }

  /** Waits for the queue to drain once it holds more than a few blocks, so memory stays bounded. */
  private async backpressure(): Promise<void> {
    if (this.queued > 2 * this.blockBytes + SMALL) await this.tail;
  }

  private flush(): void {
    if (this.fill === 0) return;
    this.enqueue(this.pending.slice(0, this.fill));
    this.fill = 0;
  }

  /** Appends bytes (small ones are copied, so the caller may reuse them; large ones must stay unchanged). */
  async bytes(b: Uint8Array): Promise<void> {
    this.position += b.length;
    if (b.length <= SMALL - this.fill) {
      this.pending.set(b, this.fill);
      this.fill += b.length;
      return;
    }
    this.flush();
    const size = this.blockBytes;
    for (let off = 0; off < b.length; off += size) {
      void this.enqueue(b.subarray(off, Math.min(b.length, off + size)));
      await this.backpressure();
    }
  }

  /**
   * Appends `length` bytes produced by `fill`, block by block; `observe` sees each block before
   * it is written (e.g. to checksum it).
   */
  async stream(length: number, fill: BlockFill, observe?: (block: Uint8Array) => void): Promise<void> {
    this.flush();
    const size = this.blockBytes;
    for (let off = 0; off < length; off += size) {
      if (this.failure !== undefined) throw this.failure;
      const n = Math.min(size, length - off);
      if (n <= SMALL) {
        // Small data (a bias) gets its own buffer, so that the two large ones keep alternating
        // between consecutive kernels.
        const block = new Uint8Array(n);
        await fill(off, block);
        observe?.(block);
        void this.enqueue(block);
        await this.backpressure();
        continue;
      }
      const k = this.next;
      this.next ^= 1;
      await this.busy[k];
      if ((this.blocks[k]?.length ?? 0) < n) this.blocks[k] = new Uint8Array(size);
      const block = this.blocks[k]!.subarray(0, n);
      await fill(off, block);
      observe?.(block);
      this.busy[k] = this.enqueue(block);
    }
    this.position += length;
  }

  /**
   * Appends bytes `[start, start + length)` of a tensor's C-order data (all of it by default);
   * a lazy tensor is read and transformed one block at a time, an in-memory one written as is.
   */
  async tensor(t: Tensor, start = 0, length = t.byteLength - start, observe?: (block: Uint8Array) => void): Promise<void> {
    if (t.isLazy) {
      await this.stream(length, (off, target) => t.readBytes(start + off, target), observe);
      return;
    }
    const bytes = t.bytes().subarray(start, start + length);
    observe?.(bytes);
    await this.bytes(bytes);
  }

  /** Overwrites bytes already written at `position` (e.g. a checksum in a header). */
  async patch(position: number, bytes: Uint8Array): Promise<void> {
    this.flush();
    await this.tail;
    let done = 0;
    while (done < bytes.length) {
      done += (await this.handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
    }
  }

  /** Writes what is still buffered and waits for every write. */
  async end(): Promise<void> {
    this.flush();
    await this.tail;
  }

  /** Waits until no write is in flight, whether they succeeded or not (before closing after a failure). */
  async settle(): Promise<void> {
    await this.tail.catch(() => undefined);
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
  await writeFileAtomic(
    path,
    async (handle) => {
      const out = new OutputStream(handle, total, options);
      try {
        await body(out);
        await out.end();
      } catch (e) {
        await out.settle();
        throw e;
      }
    },
    { inputs: options.inputs, fsync: options.fsync },
  );
}
