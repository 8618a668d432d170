import { InteropError } from '@interop/core';
import { inspectFile } from '@interop/formats';
import type { CliContext } from '../context.js';

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

/**
 * `interop inspect FILE`: format, tree paths, shapes, dtypes and totals, without loading arrays.
 * Every format the plugins bring is recognised too.
 */
export async function inspectCommand(args: string[], ctx: CliContext): Promise<number> {
  const { io, json } = ctx;
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', 'inspect takes exactly one file', {
      found: args,
      fix: 'Run "interop inspect FILE"',
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
