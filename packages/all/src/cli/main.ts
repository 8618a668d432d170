import pkg from '../../package.json' with { type: 'json' };
import { InteropError } from '@interop/core';
import type { Plugin } from '@interop/core';
import { PLUGINS } from '../default-interop.js';
import { createInterop } from '../interop/create-interop.js';
import { convertCommand } from './commands/convert.js';
import { demoCommand } from './commands/demo.js';
import { inspectCommand } from './commands/inspect.js';
import { layersCommand } from './commands/layers.js';
import { verifyCommand } from './commands/verify.js';
import type { CliContext } from './context.js';
import { checkFlags, parseFlags } from './flags.js';
import { loadPlugins } from './load-plugins.js';
import { filesOfInterop } from './registry-context.js';
import type { CliFlags } from './flags.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';
import { reportError } from './report-error.js';

/** The help text, naming the frameworks and formats of the registry the CLI was given. */
function usage(ctx: CliContext): string {
  const formats = [...new Set(Object.values(ctx.files).flatMap((f) => [...f.formats, ...(f.directories ?? [])].map((c) => c.id)))];
  return `usage: interop <command> [options]

commands:
  demo                      run the seed notebook's walkthrough
  layers [--framework F]    the BrainState layers that convert to each framework
  inspect FILE|DIR          list a checkpoint's arrays without loading them (DIR: an Orbax checkpoint)
  convert INPUT --from F --to G --out OUTPUT [--arch SPEC.json] [--sample-input 8,8,3] [--verify] [--strict]
          [--like TEMPLATE [--like-arch SPEC.json] [--rename 'REGEX=REPLACEMENT']...]
                            convert a checkpoint; writes OUTPUT and OUTPUT.arch.json; with --like,
                            into the tree of TEMPLATE (a file of the freshly initialised target model)
  verify A B --from F --to G [--arch A.json] [--arch-b B.json] [--sample-input ...]
                            run two checkpoints on the same random inputs and compare

frameworks: ${Object.keys(ctx.files).join(', ')}

options:
  --format, --format-b, --out-format   ${formats.join(' | ')} (detected when left out)
  --step N, --item NAME                the step and item of an Orbax checkpoint directory (the latest; state, default or the only one)
  --seed N, --atol X, --rtol X         verification inputs and tolerances (0, 1e-5, 1e-5)
  --input-scale S                      scale of the random verification inputs (1)
  --strict        refuse an inferred architecture whose assumptions change the computation
  --plugin PACKAGE                     add a plugin package, found from the working directory
                                       (repeatable; interop.config.mjs or .json there names more)
  --json          machine-readable output
  --debug         print stack traces on errors
  --help          this text
  --version       the version of @interop/all

exit codes: 0 success, 1 verification failed, 2 bad input`;
}

/** The version of `@interop/all`: a JSON import of its package.json, which bundlers inline (decision 016). */
function packageVersion(): string {
  return pkg.version;
}

type Command = (args: string[], flags: CliFlags, ctx: CliContext) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: (_args, flags, ctx) => demoCommand(ctx.io, flags.json === true),
  layers: layersCommand,
  inspect: (args, flags, ctx) => inspectCommand(args, ctx, flags),
  convert: convertCommand,
  verify: verifyCommand,
};

/** Options of {@link main}. */
export interface CliOptions {
  /**
   * The folder the CLI runs in: `--plugin` packages are found from it and `interop.config.mjs` /
   * `interop.config.json` read in it. @default process.cwd()
   */
  cwd?: string;
}

/**
 * Runs the `interop` command line and resolves to the exit code: 0 success, 1 verification
 * failed, 2 bad input. Every error is printed as one line with its code (stack only with
 * `--debug`), never thrown. The frameworks, formats and layers are those of the four framework
 * plugins plus the plugins `--plugin` and the config file in `options.cwd` add.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['convert', 'model.msgpack', '--from', 'linen', '--to', 'equinox', '--out', 'model.eqx']);
 * await main(['layers', '--plugin', 'interop-plugin-toy'], processIO, { cwd: '/my/project' });
 * ```
 */
export async function main(argv: string[], io: CliIO = processIO, options: CliOptions = {}): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    const { flags, positionals } = parseFlags(argv);
    const [command, ...args] = positionals;
    if (flags.version && !flags.help) {
      io.out(packageVersion());
      return 0;
    }
    const run = command === undefined ? undefined : COMMANDS[command];
    if (command !== undefined && !flags.help && !run) {
      throw new InteropError('E_INVALID_ARGUMENT', `Unknown command "${command}"`, {
        expected: Object.keys(COMMANDS).join(', '),
        fix: 'Run "interop --help"',
      });
    }
    if (run && !flags.help) checkFlags(command!, flags);
    const added = await loadPlugins(options.cwd ?? process.cwd(), flags.plugin ?? []);
    const interop = createInterop([...PLUGINS, ...added.filter((p) => !(PLUGINS as readonly Plugin[]).includes(p))]);
    const ctx: CliContext = { interop, ...filesOfInterop(interop), io, json: flags.json === true, progress: flags.json !== true };
    if (flags.help || !run) {
      io.out(usage(ctx));
      return command === undefined && !flags.help ? 2 : 0;
    }
    return await run(args, flags, ctx);
  } catch (error) {
    return reportError(error, io, debug, json);
  }
}
