/** Where the CLI writes; tests pass buffers instead of the process streams. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** The process's stdout/stderr. */
export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
