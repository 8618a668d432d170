import { parseArgs } from 'node:util';
import { InteropError } from '@interop/core';

const OPTIONS = {
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  verify: { type: 'boolean' },
  framework: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string', short: 'o' },
  arch: { type: 'string' },
  'arch-b': { type: 'string' },
  'sample-input': { type: 'string' },
  format: { type: 'string' },
  'format-b': { type: 'string' },
  'out-format': { type: 'string' },
  seed: { type: 'string' },
  atol: { type: 'string' },
  rtol: { type: 'string' },
  'input-scale': { type: 'string' },
  like: { type: 'string' },
  'like-arch': { type: 'string' },
  rename: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  plugin: { type: 'string', multiple: true },
  step: { type: 'string' },
  item: { type: 'string' },
} as const;

/** Every flag of every command, by name. */
export type CliFlags = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string;
};

/** Flags each command takes besides --json, --debug, --help and --plugin. */
export const COMMAND_FLAGS: Readonly<Record<string, readonly (keyof CliFlags)[]>> = {
  demo: [],
  layers: ['framework'],
  inspect: ['step', 'item'],
  convert: [
    'from',
    'to',
    'out',
    'arch',
    'sample-input',
    'format',
    'out-format',
    'verify',
    'seed',
    'atol',
    'rtol',
    'input-scale',
    'like',
    'like-arch',
    'rename',
    'strict',
    'step',
    'item',
  ],
  verify: ['from', 'to', 'arch', 'arch-b', 'sample-input', 'format', 'format-b', 'seed', 'atol', 'rtol', 'input-scale', 'step', 'item'],
};

/** Parses argv; an unknown or misplaced flag is an `E_INVALID_ARGUMENT`. */
export function parseFlags(argv: string[]): { flags: CliFlags; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
    return { flags: values as CliFlags, positionals };
  } catch (cause) {
    throw new InteropError('E_INVALID_ARGUMENT', (cause as Error).message.replace(/\.$/, ''), {
      fix: 'Run "interop --help" for the options',
    });
  }
}

/** Refuses flags that the command does not take, rather than ignoring them. */
export function checkFlags(command: string, flags: CliFlags): void {
  const allowed = new Set<string>(['json', 'debug', 'help', 'plugin', ...(COMMAND_FLAGS[command] ?? [])]);
  const stray = Object.keys(flags).filter((f) => !allowed.has(f));
  if (stray.length > 0) {
    throw new InteropError('E_INVALID_ARGUMENT', `${command} does not take --${stray.join(', --')}`, {
      fix: `Run "interop --help" for what ${command} takes`,
    });
  }
}

/** A numeric flag, or its default. */
export function numberFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} "${value}" is not a number`, {
      fix: `Pass ${flag} with a number, e.g. ${flag} ${fallback}`,
    });
  }
  return n;
}

/** `--step N` and `--item NAME`: which step and item of an Orbax checkpoint directory to read. */
export function selectFlags(flags: CliFlags): { step?: number; item?: string } {
  const step = flags.step;
  if (step !== undefined && !/^\d{1,15}$/.test(step)) {
    throw new InteropError('E_INVALID_ARGUMENT', `--step "${step}" is not a step number`, {
      fix: 'Pass --step with the number of a step folder of the checkpoint, e.g. --step 2 (the latest when left out)',
    });
  }
  return { ...(step !== undefined ? { step: Number(step) } : {}), ...(flags.item !== undefined ? { item: flags.item } : {}) };
}
