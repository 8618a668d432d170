import { parseArgs } from 'node:util';
import { InteropError } from '@interop/core';
import { demoCommand } from './commands/demo.js';
import { inspectCommand } from './commands/inspect.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';
import { reportError } from './report-error.js';

const USAGE = `usage: interop <command> [options]

commands:
  demo            run the seed notebook's walkthrough
  inspect FILE    list a checkpoint's arrays without loading them

options:
  --json          machine-readable output
  --debug         print stack traces on errors
  --help          this text`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (cause) {
    throw new InteropError('E_INVALID_ARGUMENT', (cause as Error).message.replace(/\.$/, ''), {
      fix: 'Run "interop --help" for the options',
    });
  }
}

/**
 * Runs the `interop` command line and resolves to the exit code: 0 success, 1 verification
 * failed, 2 bad input. Every error is printed as one line with its code (stack only with
 * `--debug`), never thrown.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['inspect', 'model.msgpack', '--json']);
 * ```
 */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const { values, positionals } = parse(argv);
    const [command, ...args] = positionals;
    if (values.help || command === undefined) {
      io.out(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (command === 'demo') return await demoCommand(io);
    if (command === 'inspect') return await inspectCommand(args, values.json === true, io);
    throw new InteropError('E_INVALID_ARGUMENT', `Unknown command "${command}"`, {
      expected: 'demo or inspect', fix: 'Run "interop --help"',
    });
  } catch (error) {
    return reportError(error, io, debug);
  }
}
