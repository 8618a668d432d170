import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { formatError } from '../errors.js';

/**
 * Checks a path that a checkpoint names (an OCDBT data file, a zarr key) and returns it: it must be
 * relative, use `/` only, and have no empty, `.` or `..` segment and no NUL, so that joined to the
 * checkpoint directory it stays inside.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT naming the path.
 * @example
 * ```ts
 * checkRelativePath('d/67a6cc1e', 'manifest'); // 'd/67a6cc1e'
 * checkRelativePath('../etc/passwd', 'manifest'); // throws
 * ```
 */
export function checkRelativePath(path: string, what: string): string {
  const segments = path.split('/');
  if (
    path === '' ||
    path.includes('\0') ||
    path.includes('\\') ||
    isAbsolute(path) ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw formatError('E_FORMAT_CORRUPT', `The ${what} names a path outside the checkpoint`, {
      found: JSON.stringify(path.slice(0, 200)),
      expected: 'a relative path without "..", "." or empty segments',
    });
  }
  return path;
}

/** The E_IO error for `rel` that could not be resolved. */
function cannotOpen(rel: string, e: unknown): Error {
  return formatError('E_IO', `Cannot open ${rel} in the checkpoint: ${(e as Error).message}`, { path: rel, cause: e });
}

/** `real` (what `rel` resolved to), once it is inside `root`. */
function checkInside(root: string, rel: string, real: string): string {
  const r = relative(root, real);
  if (r === '' || r.startsWith(`..${sep}`) || r === '..' || isAbsolute(r)) {
    throw formatError('E_FORMAT_CORRUPT', 'A file of the checkpoint is a link to outside it', {
      path: rel,
      found: real,
      fix: 'Copy the files into the checkpoint directory instead of linking them',
    });
  }
  return real;
}

/**
 * Resolves `rel` under `root` and checks, after following symlinks, that the file is still inside
 * `root` (a symlink out of the checkpoint is refused). `root` must already be a real path.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a path or link leading outside; E_IO when missing.
 * @example
 * ```ts
 * const file = await resolveInside('/ckpt', 'd/67a6cc1e');
 * ```
 */
export async function resolveInside(root: string, rel: string): Promise<string> {
  checkRelativePath(rel, 'checkpoint');
  let real: string;
  try {
    real = await realpath(join(root, ...rel.split('/')));
  } catch (e) {
    throw cannotOpen(rel, e);
  }
  return checkInside(root, rel, real);
}

/**
 * {@link resolveInside}, synchronously: for the lazy tensors' synchronous reads.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT for a path or link leading outside; E_IO when missing.
 * @example
 * ```ts
 * const file = resolveInsideSync('/ckpt', 'w/0');
 * ```
 */
export function resolveInsideSync(root: string, rel: string): string {
  checkRelativePath(rel, 'checkpoint');
  let real: string;
  try {
    real = realpathSync(join(root, ...rel.split('/')));
  } catch (e) {
    throw cannotOpen(rel, e);
  }
  return checkInside(root, rel, real);
}
