import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InteropError } from '@interop/core';

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

function packageDir(name: string, from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const own = join(dir, 'package.json');
    if (existsSync(own) && (JSON.parse(readFileSync(own, 'utf8')) as { name?: string }).name === name) return dir;
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return join(dir, 'node_modules', name);
    if (dirname(dir) === dir) return undefined;
  }
}

function target(exports: Exports, conditions: readonly string[]): string | undefined {
  if (typeof exports === 'string' || exports === null) return exports ?? undefined;
  if (Array.isArray(exports)) return exports.map((e) => target(e, conditions)).find((t) => t !== undefined);
  const entries = Object.entries(exports as { readonly [key: string]: Exports });
  const dot = entries.find(([k]) => k === '.');
  if (dot) return target(dot[1], conditions);
  const hit = entries.find(([k]) => conditions.includes(k));
  return hit ? target(hit[1], conditions) : undefined;
}

/** The entry an ESM-only package (`exports` with `import` and no `require`/`default`) names. */
function importEntry(name: string, from: string): string | undefined {
  const dir = packageDir(name, from);
  if (!dir) return undefined;
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Exports };
  const entry = manifest.exports === undefined ? undefined : target(manifest.exports, ['import', 'node', 'default']);
  return entry ? join(dir, entry) : undefined;
}

/**
 * The file a plugin names, found from `from` as Node finds a package from there (`node_modules`
 * up the folders, or the package `from` is in): a path (`./my-plugin.mjs`) is taken relative to
 * `from`; an ESM-only package is entered by its `import` export.
 *
 * @throws {InteropError} E_MISSING_PLUGIN when nothing by that name can be found.
 */
export function resolvePackage(name: string, from: string, origin: string): string {
  if (name.startsWith('.') || isAbsolute(name)) {
    const path = resolve(from, name);
    if (existsSync(path)) return path;
  } else {
    try {
      return createRequire(join(from, 'package.json')).resolve(name);
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      const entry = code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' ? importEntry(name, from) : undefined;
      if (entry) return entry;
    }
  }
  throw new InteropError('E_MISSING_PLUGIN', `Cannot find the plugin "${name}" (${origin}) from ${from}`, {
    fix:
      name.startsWith('.') || isAbsolute(name)
        ? 'Check the path: it is relative to the folder interop runs in'
        : `Install it where you run interop (npm install --save-dev ${name}), or check the name`,
  });
}
