import { closeSync, fstatSync, openSync } from 'node:fs';
import { formatError } from '../errors.js';
import { readFullySync } from '../io/range-source.js';
import { resolveInsideSync } from './safe-path.js';

function readFully(fd: number, target: Uint8Array, position: number, rel: string): void {
  readFullySync(fd, target, position, {
    failed: (e) => formatError('E_IO', `Reading ${rel} in the checkpoint failed: ${(e as Error).message}`, { path: rel, cause: e }),
    truncated: (offset) =>
      formatError('E_FORMAT_TRUNCATED', `${rel} in the checkpoint is shorter than when it was opened`, {
        path: rel,
        offset,
      }),
  });
}

function openChecked(root: string, rel: string): { fd: number; size: number } {
  const real = resolveInsideSync(root, rel);
  let fd: number;
  try {
    fd = openSync(real, 'r');
  } catch (e) {
    throw formatError('E_IO', `Cannot open ${rel} in the checkpoint: ${(e as Error).message}`, { path: rel, cause: e });
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw formatError('E_FORMAT_CORRUPT', `${rel} in the checkpoint is not a file`, { path: rel });
  }
  return { fd, size: st.size };
}

/**
 * Synchronous positional reads of the files of one checkpoint directory, for lazy tensors (whose
 * sources are synchronous): the same path and range checks as `FilePool`. OCDBT data files stay
 * open (plain descriptors, closed by {@link SyncFiles.close}); a zarr chunk file is opened for one
 * read, so a directory of thousands of chunk files holds no descriptors.
 *
 * @example
 * ```ts
 * const files = new SyncFiles(await realpath('ckpt'));
 * files.read('d/67a6cc1e', 0, new Uint8Array(16));
 * files.close();
 * ```
 */
export class SyncFiles {
  private readonly open = new Map<string, { fd: number; size: number }>();
  private closed = false;

  constructor(
    /** The checkpoint directory, as a real path. */
    readonly root: string,
  ) {}

  /**
   * Refuses once closed.
   *
   * @throws {InteropError} E_IO after {@link SyncFiles.close}.
   */
  assertOpen(rel: string): void {
    if (this.closed) {
      throw formatError('E_IO', `Reading ${rel} failed: the checkpoint was closed`, {
        path: rel,
        fix: 'Keep the checkpoint open (do not call close()) until every tensor read from it is written',
      });
    }
  }

  /**
   * Fills `target` from a file kept open, at `offset`.
   *
   * @throws {InteropError} E_FORMAT_CORRUPT for a range outside the file; E_IO once closed.
   */
  read(rel: string, offset: number, target: Uint8Array): void {
    this.assertOpen(rel);
    let f = this.open.get(rel);
    if (!f) {
      f = openChecked(this.root, rel);
      this.open.set(rel, f);
    }
    if (offset + target.length > f.size) {
      throw formatError('E_FORMAT_CORRUPT', `A reference points outside the data file ${rel}`, {
        path: rel,
        offset,
        expected: `a range inside its ${f.size} bytes`,
        found: `${offset}+${target.length}`,
      });
    }
    readFully(f.fd, target, offset, rel);
  }

  /**
   * The size of a file opened for one use and `use(read)` on it, or `undefined` when it is missing.
   *
   * @throws {InteropError} E_FORMAT_CORRUPT for a link outside or a range outside; E_IO.
   */
  withFile<T>(rel: string, use: (size: number, read: (offset: number, target: Uint8Array) => void) => T): T | undefined {
    this.assertOpen(rel);
    let f: { fd: number; size: number };
    try {
      f = openChecked(this.root, rel);
    } catch (e) {
      if (e instanceof Error && 'code' in e && e.code === 'E_IO') return undefined;
      throw e;
    }
    try {
      return use(f.size, (offset, target) => {
        if (offset + target.length > f.size) {
          throw formatError('E_FORMAT_CORRUPT', `A read points outside ${rel}`, { path: rel, offset, found: target.length });
        }
        readFully(f.fd, target, offset, rel);
      });
    } finally {
      closeSync(f.fd);
    }
  }

  /** Closes every descriptor; later reads fail with `E_IO`. */
  close(): void {
    this.closed = true;
    for (const f of this.open.values()) closeSync(f.fd);
    this.open.clear();
  }
}
