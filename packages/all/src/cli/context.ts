import type { Interop } from '../interop/create-interop.js';
import type { FrameworkFiles } from '../files/types.js';
import type { CliIO } from './io.js';

/** What every command gets: the conversions, the frameworks' files, the streams and the flags. */
export interface CliContext {
  interop: Interop;
  files: Readonly<Record<string, FrameworkFiles>>;
  io: CliIO;
  json: boolean;
  /** Whether progress bars may be drawn (never with --json). */
  progress: boolean;
}
