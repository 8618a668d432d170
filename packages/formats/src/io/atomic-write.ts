import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatError } from '../errors.js';

/** Options of {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Files the output is computed from; writing over any of them is refused. */
  inputs?: readonly string[];
  /** Flush to disk before the rename, so a crash leaves the old file or the new one. @default true */
  fsync?: boolean;
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Refuses an output path that is the same file as one of the inputs (also through links).
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT.
 * @example
 * ```ts
 * await assertNotInput('out.msgpack', ['in.msgpack']);
 * ```
 */
export async function assertNotInput(output: string, inputs: readonly string[]): Promise<void> {
  const out = await identity(output);
  if (out === undefined) return;
  for (const input of inputs) {
    if ((await identity(input)) === out) {
      throw formatError('E_OUTPUT_IS_INPUT', 'The output file is also an input', {
        path: output,
        found: input,
        fix: 'Write to a different path, then rename it if needed',
      });
    }
  }
}

/**
 * Writes a file atomically: `write` fills a temporary file in the same directory, which then
 * replaces `path` by rename. On any failure the temporary file is removed and an existing `path`
 * is left untouched.
 *
 * @throws {InteropError} E_OUTPUT_IS_INPUT when `path` is one of `options.inputs`; E_IO when the
 *   file system fails (errors thrown by `write` pass through).
 * @example
 * ```ts
 * await writeFileAtomic('model.npy', (h) => h.write(writeNpy(t)).then(() => {}));
 * ```
 */
export async function writeFileAtomic(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await assertNotInput(path, options.inputs ?? []);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
    await write(handle);
    if (options.fsync !== false) await handle.datasync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && !e.code.startsWith('E_')) {
      throw formatError('E_IO', `Writing ${path} failed: ${e.message}`, { path, cause: e });
    }
    throw e;
  }
}

/**
 * Writes bytes to a file atomically (see {@link writeFileAtomic}).
 *
 * @example
 * ```ts
 * await writeBytesAtomic('w.npy', writeNpy(t));
 * ```
 */
export async function writeBytesAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomic(
    path,
    async (h) => {
      let done = 0;
      while (done < bytes.length) done += (await h.write(bytes, done, bytes.length - done)).bytesWritten;
    },
    options,
  );
}
