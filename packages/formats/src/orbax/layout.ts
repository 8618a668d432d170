import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatError } from '../errors.js';

/** Which step and item of a checkpoint tree to open. */
export interface OrbaxSelectOptions {
  /** The step of a `CheckpointManager` directory. @default the latest */
  step?: number;
  /** The item of a step (`state`, `default`, ...). @default `state`, `default`, or the only one */
  item?: string;
}

/** Where the data of the selected item is. */
export interface ResolvedItem {
  /** `'item'`: an Orbax item directory; `'msgpack'`: a legacy Flax `checkpoint_N` file. */
  kind: 'item' | 'msgpack';
  /** The item directory or the msgpack file. */
  path: string;
  /** The step chosen, for `CheckpointManager` layouts. */
  step?: number;
  /** The item chosen, for multi-item layouts. */
  item?: string;
}

const TMP = /\.orbax-checkpoint-tmp(-\d+)?$/;
const STEP = /^(?:[A-Za-z_]*?_)?(\d{1,15})$/;

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function isItemDir(dir: string): Promise<boolean> {
  for (const f of ['_METADATA', 'manifest.ocdbt']) if ((await kindOf(join(dir, f))) === 'file') return true;
  return (await kindOf(join(dir, 'checkpoint'))) === 'file';
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !TMP.test(n)).sort();
  } catch (e) {
    throw formatError('E_IO', `Cannot list ${dir}: ${(e as Error).message}`, { path: dir, cause: e });
  }
}

async function pickItem(dir: string, options: OrbaxSelectOptions): Promise<string | undefined> {
  const items: string[] = [];
  for (const n of await list(dir)) if ((await kindOf(join(dir, n))) === 'dir' && (await isItemDir(join(dir, n)))) items.push(n);
  if (items.length === 0) return undefined;
  if (options.item !== undefined) {
    if (items.includes(options.item)) return options.item;
    throw formatError('E_FORMAT_MISMATCH', `The checkpoint has no item "${options.item}"`, {
      path: dir,
      expected: items.join(', '),
      found: options.item,
    });
  }
  for (const pref of ['state', 'default']) if (items.includes(pref)) return pref;
  if (items.length === 1) return items[0];
  throw formatError('E_FORMAT_MISMATCH', 'The checkpoint has several items; choose one', {
    path: dir,
    expected: items.join(', '),
    fix: 'Pass the item option (--item)',
  });
}

/**
 * Finds the data to read in an Orbax path: an item directory itself, a step directory (item by
 * `options.item`, else `state`, `default` or the only one), a `CheckpointManager` root (step by
 * `options.step`, else the latest; unfinished `*.orbax-checkpoint-tmp*` steps skipped), or a
 * legacy Flax `checkpoint_N` msgpack file or directory of them.
 *
 * @throws {InteropError} E_FORMAT_MAGIC when nothing there looks like a checkpoint;
 *   E_FORMAT_MISMATCH when the step or item asked for is missing or the item is ambiguous; E_IO.
 * @example
 * ```ts
 * await resolveOrbaxItem('ckpts', { step: 2 }); // { kind: 'item', path: 'ckpts/2/default', step: 2, item: 'default' }
 * ```
 */
export async function resolveOrbaxItem(path: string, options: OrbaxSelectOptions = {}): Promise<ResolvedItem> {
  return resolve(path, options, true);
}

async function resolve(path: string, options: OrbaxSelectOptions, allowSteps: boolean): Promise<ResolvedItem> {
  const kind = await kindOf(path);
  if (kind === 'file') return { kind: 'msgpack', path };
  if (kind !== 'dir') throw formatError('E_IO', `Cannot open ${path}: no such file or directory`, { path });
  if (await isItemDir(path)) return { kind: 'item', path };
  const item = await pickItem(path, options);
  if (item !== undefined) return { kind: 'item', path: join(path, item), item };
  const steps = new Map<number, string>();
  for (const n of await list(path)) {
    const m = STEP.exec(n);
    if (m) steps.set(Number(m[1]), n);
  }
  if (steps.size === 0 || !allowSteps) {
    throw formatError('E_FORMAT_MAGIC', 'Not an Orbax checkpoint: no _METADATA, manifest.ocdbt, item or step directory', {
      path,
      fix: 'Pass the checkpoint directory Orbax saved (the one holding _METADATA, or a CheckpointManager root)',
    });
  }
  const step = options.step ?? Math.max(...steps.keys());
  const name = steps.get(step);
  if (name === undefined) {
    throw formatError('E_FORMAT_MISMATCH', `The checkpoint has no step ${step}`, {
      path,
      expected: [...steps.keys()].sort((a, b) => a - b).join(', '),
      found: step,
    });
  }
  const inner = await resolve(join(path, name), options.item !== undefined ? { item: options.item } : {}, false);
  return { ...inner, step };
}
