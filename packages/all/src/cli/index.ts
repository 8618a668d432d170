/**
 * `@interop/all/cli`: the `interop` command line as a function, for tests and tools that run it
 * in-process (the `interop` binary calls the same function).
 *
 * @example
 * ```ts
 * import { runCli } from '@interop/all/cli';
 * const code = await runCli(['layers', '--framework', 'nnx'], { out: console.log, err: console.error }, { cwd });
 * ```
 *
 * @packageDocumentation
 * @module @interop/all/cli
 */
export { main as runCli } from './main.js';
export type { CliOptions } from './main.js';
export type { CliIO } from './io.js';
