import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { formatError } from '../errors.js';
import { resolveInside } from './safe-path.js';

/**
 * Open files of one checkpoint directory, read by positional reads: every path is checked to stay
 * inside the directory (symlinks included) and every range to lie inside its file.
 *
 * @example
 * ```ts
 * const pool = new FilePool(await realpath('ckpt'));
 * const bytes = await pool.read('d/67a6cc1e', 0, 299);
 * await pool.close();
 * ```
 */
export class FilePool {
  private readonly files = new Map<string, Promise<{ handle: FileHandle; size: number }>>();

  constructor(
    /** The checkpoint directory, as a real path. */
    readonly root: string,
  ) {}

  private async get(rel: string): Promise<{ handle: FileHandle; size: number }> {
    let f = this.files.get(rel);
    if (!f) {
      f = (async () => {
        const real = await resolveInside(this.root, rel);
        let handle: FileHandle;
        try {
          handle = await open(real, 'r');
        } catch (e) {
          throw formatError('E_IO', `Cannot open ${rel} in the checkpoint: ${(e as Error).message}`, { path: rel, cause: e });
        }
        const st = await handle.stat().catch(async (e: unknown) => {
          await handle.close();
          throw formatError('E_IO', `Cannot read ${rel} in the checkpoint: ${(e as Error).message}`, { path: rel, cause: e });
        });
        if (!st.isFile()) {
          await handle.close();
          throw formatError('E_FORMAT_CORRUPT', `${rel} in the checkpoint is not a file`, { path: rel });
        }
        return { handle, size: st.size };
      })();
      this.files.set(rel, f);
      f.catch(() => this.files.delete(rel));
    }
    return f;
  }

  /**
   * Reads `[offset, offset + length)` of a file.
   *
   * @throws {InteropError} E_FORMAT_CORRUPT when the range lies outside the file; E_IO.
   */
  async read(rel: string, offset: number, length: number): Promise<Uint8Array> {
    const { handle, size } = await this.get(rel);
    if (offset + length > size) {
      throw formatError('E_FORMAT_CORRUPT', `A reference points outside the data file ${rel}`, {
        path: rel,
        offset,
        expected: `a range inside its ${size} bytes`,
        found: `${offset}+${length}`,
      });
    }
    const out = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(out, got, length - got, offset + got);
      if (bytesRead === 0) throw formatError('E_IO', `${rel} shrank while being read`, { path: rel, offset: offset + got });
      got += bytesRead;
    }
    return out;
  }

  /** Reads a whole file, refusing one over `maxBytes`. */
  async readAll(rel: string, maxBytes: number): Promise<Uint8Array> {
    const { size } = await this.get(rel);
    if (size > maxBytes) {
      throw formatError('E_FORMAT_LIMIT', `${rel} is larger than allowed`, {
        path: rel,
        expected: `at most ${maxBytes} bytes`,
        found: size,
      });
    }
    return this.read(rel, 0, size);
  }

  /**
   * True when the file exists inside the directory.
   *
   * @throws {InteropError} E_FORMAT_CORRUPT when it is a link to outside the directory.
   */
  async exists(rel: string): Promise<boolean> {
    try {
      await resolveInside(this.root, rel);
      return true;
    } catch (e) {
      if (e instanceof Error && 'code' in e && e.code === 'E_IO') return false;
      throw e;
    }
  }

  /**
   * Reads a whole file without keeping it open (zarr chunk files), or `undefined` when it does
   * not exist.
   *
   * @throws {InteropError} E_FORMAT_LIMIT over `maxBytes`; E_FORMAT_CORRUPT for a link outside.
   */
  async readOnce(rel: string, maxBytes: number): Promise<Uint8Array | undefined> {
    let real: string;
    try {
      real = await resolveInside(this.root, rel);
    } catch (e) {
      if (e instanceof Error && 'code' in e && e.code === 'E_IO') return undefined;
      throw e;
    }
    const handle = await open(real, 'r').catch((e: unknown) => {
      throw formatError('E_IO', `Cannot open ${rel} in the checkpoint: ${(e as Error).message}`, { path: rel, cause: e });
    });
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw formatError('E_FORMAT_CORRUPT', `${rel} in the checkpoint is not a file`, { path: rel });
      if (st.size > maxBytes) {
        throw formatError('E_FORMAT_LIMIT', `${rel} is larger than its metadata allows`, {
          path: rel,
          expected: `at most ${maxBytes} bytes`,
          found: st.size,
        });
      }
      const out = new Uint8Array(st.size);
      let got = 0;
      while (got < st.size) {
        const { bytesRead } = await handle.read(out, got, st.size - got, got);
        if (bytesRead === 0) throw formatError('E_IO', `${rel} shrank while being read`, { path: rel });
        got += bytesRead;
      }
      return out;
    } finally {
      await handle.close();
    }
  }

  /** Closes every open file. */
  async close(): Promise<void> {
    const all = [...this.files.values()];
    this.files.clear();
    await Promise.all(
      all.map((f) =>
        f.then(
          (x) => x.handle.close(),
          () => undefined,
        ),
      ),
    );
  }
}
