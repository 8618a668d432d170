import { BUILTIN_IR_KINDS } from '@interop/core';

/**
 * Runs the `interop` command line with the given arguments and resolves to the exit code
 * (0 success, 1 verification failed, 2 bad input).
 *
 * @example
 * ```ts
 * process.exitCode = await main(['demo']);
 * ```
 */
export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === 'demo' || command === undefined) {
    console.log('interop: framework plugins are not built yet.');
    console.log(`IR kinds available in @interop/core: ${BUILTIN_IR_KINDS.join(', ')}`);
    return 0;
  }
  console.error(`interop: unknown command "${command}". Run "interop demo".`);
  return 2;
}
