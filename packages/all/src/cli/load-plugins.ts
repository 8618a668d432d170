import { pathToFileURL } from 'node:url';
import { InteropError } from '@interop/core';
import type { Plugin } from '@interop/core';
import { readConfig } from './read-config.js';
import { resolvePackage } from './resolve-package.js';

const isPlugin = (value: unknown): value is Plugin =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Plugin).meta === 'object' &&
  typeof (value as Plugin).mappings === 'object';

/** The plugins a module exports: its default export (a plugin or a list), else its `plugins` list. */
function pluginsOf(module: Record<string, unknown>, name: string, origin: string): Plugin[] {
  for (const value of [module.default, module.plugins]) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length > 0 && list.every(isPlugin)) return list;
  }
  throw new InteropError('E_INVALID_PLUGIN', `"${name}" (${origin}) exports no interop plugin`, {
    plugin: name,
    expected: 'a default export made with definePlugin(), or `export const plugins = [...]`',
    fix: 'Export the plugin as the default export, or a list of plugins as `plugins`',
  });
}

async function importPlugins(name: string, from: string, origin: string): Promise<Plugin[]> {
  const path = resolvePackage(name, from, origin);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new InteropError('E_INVALID_PLUGIN', `Loading the plugin "${name}" (${origin}) failed: ${(cause as Error).message}`, {
      plugin: name,
      cause,
      fix: 'Run it with node to see the error, or reinstall it',
    });
  }
  return pluginsOf(module, name, origin);
}

/**
 * The plugins the CLI adds to the four frameworks: those `interop.config.mjs` or
 * `interop.config.json` in `cwd` names, then each `--plugin`, each package found from `cwd` as
 * ESLint and Prettier find theirs. A plugin named twice is added once.
 *
 * @throws {InteropError} E_MISSING_PLUGIN for a name that cannot be found; E_INVALID_PLUGIN for
 *   a module that fails to load or exports no plugin; E_INVALID_ARGUMENT for a malformed config.
 */
export async function loadPlugins(cwd: string, names: readonly string[]): Promise<Plugin[]> {
  const config = await readConfig(cwd);
  const found: Plugin[] = [];
  const entries = [
    ...config.plugins.map((entry) => ({ entry, origin: config.file! })),
    ...names.map((entry) => ({ entry, origin: '--plugin' })),
  ];
  for (const { entry, origin } of entries) {
    const plugins = typeof entry === 'string' ? await importPlugins(entry, cwd, origin) : Array.isArray(entry) ? entry : [entry];
    for (const plugin of plugins) if (!found.includes(plugin)) found.push(plugin);
  }
  return found;
}
