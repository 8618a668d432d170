// Finds the Chromium the browser test drives (docs/decisions/006-browser-test-chromium.md):
// CHROMIUM_PATH when set, else Debian's /usr/bin/chromium, else the Linux x64 build that the
// @sparticuz/chromium devDependency carries inside its npm package (no download, works offline).
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where the browser test's Chromium comes from, decided without touching the disk beyond `existsSync`. */
export interface ChromiumSource {
  /** Named in the test title, e.g. `@sparticuz/chromium 143.0.4 (npm)`. */
  label: string;
  /** Set when no Chromium can be had on this machine; the reason says what to do. */
  unavailable?: string;
  /** Resolves the executable (unpacking the npm build on first use) and its launch flags. */
  resolve(): Promise<{ executablePath: string; args: string[] }>;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const NPM_CHROMIUM = '@sparticuz/chromium';
// Flags for a distribution Chromium: offline, no sandbox (CI runs as root), WebGL2 on SwiftShader.
const SYSTEM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumSource(env: NodeJS.ProcessEnv = process.env): ChromiumSource {
  const fixed = env.CHROMIUM_PATH;
  if (fixed) {
    return {
      label: `CHROMIUM_PATH=${fixed}`,
      async resolve() {
        if (!existsSync(fixed)) throw new Error(`CHROMIUM_PATH=${fixed} does not exist`);
        return { executablePath: fixed, args: SYSTEM_ARGS };
      },
    };
  }
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { label: SYSTEM_CHROMIUM, resolve: async () => ({ executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS }) };
  }
  const { dir, version } = npmChromiumPackage();
  const label = `${NPM_CHROMIUM} ${version} (npm)`;
  if (platform() !== 'linux' || arch() !== 'x64') {
    return {
      label,
      unavailable: `${NPM_CHROMIUM} carries a Linux x64 build only (this is ${platform()}-${arch()}); set CHROMIUM_PATH to a Chrome or Chromium`,
      resolve: () => Promise.reject(new Error(`no Chromium for ${platform()}-${arch()}; set CHROMIUM_PATH`)),
    };
  }
  return { label, resolve: async () => ({ executablePath: await unpackNpmChromium(dir, version), args: await npmChromiumArgs() }) };
}

/** The installed @sparticuz/chromium: its folder and version (its exports do not include package.json). */
function npmChromiumPackage(): { dir: string; version: string } {
  let dir = dirname(createRequire(import.meta.url).resolve(NPM_CHROMIUM));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== NPM_CHROMIUM) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find ${NPM_CHROMIUM}'s package.json`);
    dir = up;
  }
  return { dir, version: String(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version) };
}

async function npmChromiumArgs(): Promise<string[]> {
  const { default: Chromium } = await import('@sparticuz/chromium');
  return Chromium.args;
}

/**
 * Unpacks the package's brotli-compressed Chromium, SwiftShader and fonts once per version and
 * user, into `<tmp>/interop-chromium-<version>-<uid>`, and returns the executable.
 *
 * The package itself unpacks into the bare temp folder and reuses whatever `chromium` and
 * `libGLESv2.so` it finds there, whichever version left them: a Chromium next to another
 * version's SwiftShader crashes at launch or has no WebGL2. So it unpacks here into a fresh
 * staging folder (through TMPDIR, which it reads on every call), renamed into place when complete;
 * a concurrent run that renamed first wins and this copy is dropped.
 */
async function unpackNpmChromium(packageDir: string, version: string): Promise<string> {
  const uid = process.getuid?.() ?? 0;
  const target = join(tmpdir(), `interop-chromium-${version}-${uid}`);
  const executable = join(target, 'chromium');
  if (existsSync(executable)) return executable;
  const staging = mkdtempSync(`${target}.partial-`);
  const { default: Chromium } = await import('@sparticuz/chromium');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const unpacked = await Chromium.executablePath(join(packageDir, 'bin'));
    if (unpacked !== join(staging, 'chromium')) throw new Error(`${NPM_CHROMIUM} unpacked to ${unpacked}, expected ${staging}`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw error;
  }
  return executable;
}
