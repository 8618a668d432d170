import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { ProgressEvent } from '@interop/formats';

/** Files at least this large get a progress bar when stderr is a terminal. */
export const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;

/**
 * A progress bar on stderr for `label`, or nothing when stderr is not a terminal (pipes, CI,
 * `--json`): progress is for people watching, never for scripts.
 */
export function progressBar(label: string, enabled: boolean): (event: ProgressEvent) => void {
  if (!enabled || !process.stderr.isTTY) return () => undefined;
  let last = -1;
  return ({ done, total }) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const fill = Math.round((pct / 100) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}%${pct === 100 ? '\n' : ''}`);
  };
}

/** Reads a whole file, reporting progress for large ones; a missing file is `E_IO`. */
export async function readFileWithProgress(path: string, showProgress: boolean): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    throw new InteropError('E_IO', `Cannot open ${path}: ${(cause as Error).message}`, {
      path,
      fix: 'Check the path and that the file is readable',
    });
  }
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(size);
    const report = progressBar(`reading ${path}`, showProgress && size >= PROGRESS_MIN_BYTES);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, Math.min(CHUNK, size - done), done);
      if (bytesRead === 0) break;
      done += bytesRead;
      report({ done, total: size });
    }
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}
