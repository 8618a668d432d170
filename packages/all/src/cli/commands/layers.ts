import { InteropError } from '@interop/core';
import type { CliContext } from '../context.js';
import type { CliFlags } from '../flags.js';

/**
 * `interop layers [--framework F]`: which BrainState layers convert to each framework (the
 * seed's `supported_layers()`), then each framework's own layers that convert.
 */
export async function layersCommand(args: string[], flags: CliFlags, ctx: CliContext): Promise<number> {
  if (args.length > 0)
    throw new InteropError('E_INVALID_ARGUMENT', 'layers takes no files', { found: args, fix: 'Run "interop layers [--framework F]"' });
  const layers = ctx.interop.supportedLayers(flags.framework);
  if (ctx.json) {
    ctx.io.out(JSON.stringify(layers));
    return 0;
  }
  for (const [framework, names] of Object.entries(layers)) ctx.io.out(`${framework.padEnd(8)} : ${names.join(', ')}`);
  return 0;
}
