import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InteropError } from '@interop/core';
import type { Plugin } from '@interop/core';

/** The config files the CLI reads from the folder it runs in, in the order it looks. */
export const CONFIG_FILES = ['interop.config.mjs', 'interop.config.json'] as const;

/** One `plugins` entry: a package name or path, or (in `.mjs`) a plugin or a list of them. */
export type PluginEntry = string | Plugin | readonly Plugin[];

/** What a config file says, and which file said it. */
export interface CliConfig {
  file: string | undefined;
  plugins: PluginEntry[];
}

function checkConfig(value: unknown, file: string): CliConfig {
  const bad = (why: string) =>
    new InteropError('E_INVALID_ARGUMENT', `${file} ${why}`, {
      path: file,
      expected: '{ "plugins": ["interop-plugin-name", "./local-plugin.mjs"] }',
      fix: 'Name your plugins in a "plugins" list, as package names or paths',
    });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('is not an object');
  const stray = Object.keys(value).filter((k) => k !== 'plugins');
  if (stray.length > 0) throw bad(`has keys interop does not read: ${stray.join(', ')}`);
  const plugins = (value as { plugins?: unknown }).plugins ?? [];
  if (!Array.isArray(plugins)) throw bad('has "plugins" that is not a list');
  const wrong = plugins.findIndex((p) => typeof p !== 'string' && (typeof p !== 'object' || p === null));
  if (wrong >= 0) throw bad(`has plugins[${wrong}] that is neither a name nor a plugin`);
  return { file, plugins: plugins as PluginEntry[] };
}

/**
 * Reads `interop.config.mjs` (its default export) or `interop.config.json` from `cwd`: the
 * plugins to add, as ESLint reads `eslint.config.mjs`. No file means no plugins.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for both files at once, bad JSON or a bad shape.
 */
export async function readConfig(cwd: string): Promise<CliConfig> {
  const present = CONFIG_FILES.filter((name) => existsSync(join(cwd, name)));
  if (present.length === 0) return { file: undefined, plugins: [] };
  if (present.length > 1) {
    throw new InteropError('E_INVALID_ARGUMENT', `${cwd} has both ${present.join(' and ')}`, { fix: 'Keep one of them' });
  }
  const file = present[0]!;
  const path = join(cwd, file);
  if (file.endsWith('.json')) {
    try {
      return checkConfig(JSON.parse(readFileSync(path, 'utf8')), file);
    } catch (cause) {
      if (cause instanceof InteropError) throw cause;
      throw new InteropError('E_INVALID_ARGUMENT', `${file} is not valid JSON: ${(cause as Error).message}`, {
        path: file,
        fix: 'Fix the JSON',
      });
    }
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (cause) {
    throw new InteropError('E_INVALID_ARGUMENT', `Loading ${file} failed: ${(cause as Error).message}`, {
      path: file,
      cause,
      fix: 'Run it with node to see the error',
    });
  }
  return checkConfig(module.default, file);
}
