// The `interop` CLI as a user runs it, for the streaming benchmark: packages/all/src/cli/bin.ts
// bundled by esbuild (tsx's own dependency) into one Node program, as the built package starts
// (no TypeScript compiled at start). The CLI of an earlier commit is bundled the same way from
// `git archive` of its packages, so that before and after run side by side in one run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

type Esbuild = { build(o: Record<string, unknown>): Promise<{ errors: unknown[] }> };

function esbuild(): Esbuild {
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  return require('esbuild') as Esbuild;
}

/**
 * Bundles `<packages>/all/src/cli/bin.ts` into `outdir/bin.js`: `@interop/*` resolve to
 * `<packages>/*\/src`, third-party dependencies to the live workspace's node_modules.
 */
async function bundle(packages: string, livePackages: string, outdir: string): Promise<string[]> {
  const alias = Object.fromEntries(readdirSync(packages).map((p) => [`@interop/${p}`, `${packages}/${p}/src/index.ts`]));
  rmSync(outdir, { recursive: true, force: true });
  await esbuild().build({
    entryPoints: [`${packages}/all/src/cli/bin.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outdir,
    alias,
    nodePaths: readdirSync(livePackages).map((p) => `${livePackages}/${p}/node_modules`),
    conditions: ['@interop/source'],
    // Bundled CommonJS dependencies call require.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });
  return ['node', `${outdir}/bin.js`];
}

/** The current CLI, bundled. */
export function bundleCli(root: string, data: string): Promise<string[]> {
  return bundle(`${root}packages`, `${root}packages`, `${data}/streaming-cli`);
}

/**
 * The CLI of `commit` (its packages extracted with `git archive`, once), bundled; undefined when
 * git or the commit is not there.
 */
export async function bundleCliAt(root: string, data: string, commit: string): Promise<string[] | undefined> {
  const sha = spawnSync('git', ['rev-parse', '--short', commit], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (!sha) return undefined;
  const tree = `${data}/cli-${sha}`;
  if (!existsSync(`${tree}/packages/all/src/cli/bin.ts`)) {
    mkdirSync(tree, { recursive: true });
    const tar = spawnSync('sh', ['-c', `git archive ${sha} packages tooling/tsconfig | tar -x -C ${tree}`], { cwd: root });
    if (tar.status !== 0) return undefined;
  }
  return bundle(`${tree}/packages`, `${root}packages`, `${data}/streaming-cli-${sha}`);
}
