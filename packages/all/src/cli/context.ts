import type { FormatCodec, PluginFiles } from '@interop/core';
import type { Interop } from '../interop/create-interop.js';
import type { CliIO } from './io.js';

/** A framework's files part, as the commands use it: with the framework's name. */
export interface FrameworkFiles extends PluginFiles {
  framework: string;
  /** The framework as prose names it (`NNX`, `Equinox`), for messages. */
  title: string;
}

/** What every command gets: the conversions, the frameworks' files, the streams and the flags. */
export interface CliContext {
  interop: Interop;
  /** Every framework whose plugin has a files part, in registration order. */
  files: Readonly<Record<string, FrameworkFiles>>;
  /** Every format the CLI recognises, in the order a file's first bytes are tried. */
  codecs: readonly FormatCodec[];
  io: CliIO;
  json: boolean;
  /** Whether progress bars may be drawn (never with --json). */
  progress: boolean;
}
