import { readFileSync } from 'node:fs';
import { InteropError } from '@interop/core';
import { defaultInterop } from '../default-interop.js';
import { FRAMEWORK_FILES } from '../files/index.js';
import { convertCommand } from './commands/convert.js';
import { demoCommand } from './commands/demo.js';
import { inspectCommand } from './commands/inspect.js';
import { layersCommand } from './commands/layers.js';
import { verifyCommand } from './commands/verify.js';
import type { CliContext } from './context.js';
import { checkFlags, parseFlags } from './flags.js';
import type { CliFlags } from './flags.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';
import { reportError } from './report-error.js';

const USAGE = `usage: interop <command> [options]

commands:
  demo                      run the seed notebook's walkthrough
  layers [--framework F]    the BrainState layers that convert to each framework
  inspect FILE              list a checkpoint's arrays without loading them
  convert INPUT --from F --to G --out OUTPUT [--arch SPEC.json] [--sample-input 8,8,3] [--verify] [--strict]
          [--like TEMPLATE [--like-arch SPEC.json] [--rename 'REGEX=REPLACEMENT']...]
                            convert a checkpoint; writes OUTPUT and OUTPUT.arch.json; with --like,
                            into the tree of TEMPLATE (a file of the freshly initialised target model)
  verify A B --from F --to G [--arch A.json] [--arch-b B.json] [--sample-input ...]
                            run two checkpoints on the same random inputs and compare

frameworks: brainstate, nnx, linen, equinox

options:
  --format, --format-b, --out-format   msgpack | safetensors | eqx (detected when left out)
  --seed N, --atol X, --rtol X         verification inputs and tolerances (0, 1e-5, 1e-5)
  --strict        refuse an inferred architecture whose assumptions change the computation
  --json          machine-readable output
  --debug         print stack traces on errors
  --help          this text
  --version       the version of @interop/all

exit codes: 0 success, 1 verification failed, 2 bad input`;

/**
 * The version of `@interop/all`, read from its package.json when asked: `src/cli/` and, once
 * built, `dist/cli/` both sit two folders below it.
 */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
  if (manifest.name !== '@interop/all' || typeof manifest.version !== 'string') {
    throw new InteropError('E_IO', 'The package.json beside the CLI is not that of @interop/all', { fix: 'Reinstall @interop/all' });
  }
  return manifest.version;
}

type Command = (args: string[], flags: CliFlags, ctx: CliContext) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: (_args, flags, ctx) => demoCommand(ctx.io, flags.json === true),
  layers: layersCommand,
  inspect: (args, flags, ctx) => inspectCommand(args, flags.json === true, ctx.io),
  convert: convertCommand,
  verify: verifyCommand,
};

/**
 * Runs the `interop` command line and resolves to the exit code: 0 success, 1 verification
 * failed, 2 bad input. Every error is printed as one line with its code (stack only with
 * `--debug`), never thrown.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['convert', 'model.msgpack', '--from', 'linen', '--to', 'equinox', '--out', 'model.eqx']);
 * ```
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes('--debug');
  const json = argv.includes('--json');
  try {
    const { flags, positionals } = parseFlags(argv);
    const [command, ...args] = positionals;
    if (flags.version && !flags.help) {
      io.out(packageVersion());
      return 0;
    }
    if (flags.help || command === undefined) {
      io.out(USAGE);
      return command === undefined && !flags.help ? 2 : 0;
    }
    const run = COMMANDS[command];
    if (!run) {
      throw new InteropError('E_INVALID_ARGUMENT', `Unknown command "${command}"`, { expected: Object.keys(COMMANDS).join(', '), fix: 'Run "interop --help"' });
    }
    checkFlags(command, flags);
    const ctx: CliContext = { interop: defaultInterop(), files: FRAMEWORK_FILES, io, json: flags.json === true, progress: flags.json !== true };
    return await run(args, flags, ctx);
  } catch (error) {
    return reportError(error, io, debug, json);
  }
}
