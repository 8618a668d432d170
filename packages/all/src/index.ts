export type { CliIO } from './cli/io.js';
export { main as runCli } from './cli/main.js';
