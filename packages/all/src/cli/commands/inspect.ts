import { readdir, stat } from 'node:fs/promises';
import { InteropError } from '@interop/core';
import type { DirectoryCodec, FileArray } from '@interop/core';
import { inspectFile } from '@interop/formats';
import type { CliContext } from '../context.js';
import type { CliFlags } from '../flags.js';
import { selectFlags } from '../flags.js';
import { atPathAsync } from '../open-input.js';

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

function printArrays(ctx: CliContext, arrays: readonly FileArray[]): void {
  const count = arrays.reduce((s, a) => s + a.shape.reduce((x, y) => x * y, 1), 0);
  const total = arrays.reduce((s, a) => s + a.byteLength, 0);
  ctx.io.out(`arrays:     ${arrays.length}`);
  ctx.io.out(`parameters: ${count} (${bytes(total)})`);
  const width = Math.max(4, ...arrays.map((a) => a.path.length));
  ctx.io.out(`${'path'.padEnd(width)}  ${'dtype'.padEnd(8)}  shape`);
  for (const a of arrays) ctx.io.out(`${a.path.padEnd(width)}  ${a.dtype.padEnd(8)}  [${a.shape.join(', ')}]`);
}

/** Every directory format the frameworks bring, once each. */
function directoryCodecs(ctx: CliContext): DirectoryCodec[] {
  const seen = new Map<string, DirectoryCodec>();
  for (const f of Object.values(ctx.files)) for (const c of f.directories ?? []) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

/** `interop inspect DIR`: an Orbax checkpoint's layout, the step and item read, and its arrays. */
async function inspectDirectory(ctx: CliContext, dir: string, flags: CliFlags): Promise<number> {
  const entries = await readdir(dir);
  const codec = directoryCodecs(ctx).find((c) => c.detect(entries));
  if (!codec) {
    throw new InteropError('E_FORMAT_MAGIC', `${dir} is a directory that is not a checkpoint interop recognises`, {
      path: dir,
      expected: directoryCodecs(ctx)
        .map((c) => c.title)
        .join(', '),
      fix: 'Pass a checkpoint file, or the directory Orbax saved (the one holding _METADATA, or a CheckpointManager root)',
    });
  }
  const opened = await atPathAsync(dir, () => codec.open(dir, selectFlags(flags)));
  try {
    const arrays = opened.arrays();
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify({
          directory: dir,
          format: codec.id,
          layout: opened.layout,
          path: opened.path,
          ...(opened.step !== undefined ? { step: opened.step } : {}),
          ...(opened.item !== undefined ? { item: opened.item } : {}),
          arrays,
          parameterCount: arrays.reduce((s, a) => s + a.shape.reduce((x, y) => x * y, 1), 0),
          parameterBytes: arrays.reduce((s, a) => s + a.byteLength, 0),
        }),
      );
      return 0;
    }
    ctx.io.out(`directory:  ${dir}`);
    ctx.io.out(`format:     ${codec.title}`);
    ctx.io.out(`layout:     ${opened.layout}`);
    if (opened.step !== undefined) ctx.io.out(`step:       ${opened.step}`);
    if (opened.item !== undefined) ctx.io.out(`item:       ${opened.item}`);
    printArrays(ctx, arrays);
    return 0;
  } finally {
    await opened.close();
  }
}

/**
 * `interop inspect FILE` (or an Orbax `DIR [--step N] [--item NAME]`): format, tree paths,
 * shapes, dtypes and totals, without loading arrays. Every format the plugins bring is recognised too.
 */
export async function inspectCommand(args: string[], ctx: CliContext, flags: CliFlags = {}): Promise<number> {
  const { io, json } = ctx;
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'inspect takes exactly one file', {
      found: args,
      fix: 'Run "interop inspect FILE"',
    });
  }
  if (
    await stat(file).then(
      (s) => s.isDirectory(),
      () => false,
    )
  )
    return inspectDirectory(ctx, file, flags);
  if (flags.step !== undefined || flags.item !== undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `--step and --item pick from an Orbax checkpoint directory, and ${file} is a file`, {
      path: file,
      fix: 'Leave them out, or pass the checkpoint directory',
    });
  }
  const info = await inspectFile(file, { codecs: ctx.codecs });
  if (json) {
    io.out(JSON.stringify(info));
    return 0;
  }
  io.out(`file:       ${file} (${bytes(info.fileSize)})`);
  io.out(`format:     ${ctx.codecs.find((c) => c.id === info.format)!.title}`);
  io.out(`arrays:     ${info.arrays.length}`);
  io.out(`parameters: ${info.parameterCount} (${bytes(info.parameterBytes)})`);
  const width = Math.max(4, ...info.arrays.map((a) => a.path.length));
  io.out(`${'path'.padEnd(width)}  ${'dtype'.padEnd(8)}  shape`);
  for (const a of info.arrays) io.out(`${a.path.padEnd(width)}  ${a.dtype.padEnd(8)}  [${a.shape.join(', ')}]`);
  return 0;
}
