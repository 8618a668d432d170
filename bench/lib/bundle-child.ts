// A suite's child.ts bundled by esbuild (tsx's own dependency), so that a child starts as a built
// package would, not with tsx compiling TypeScript sources on every start.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { data, root } from './paths.js';

/**
 * Bundles `bench/<suite>/child.ts` into `bench/.data/<suite>-child/` and returns the command that
 * runs it; the command through tsx when bundling fails.
 */
export async function bundleChild(suite: string, options: { splitting?: boolean } = {}): Promise<string[]> {
  const entry = `${root}bench/${suite}/child.ts`;
  try {
    const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
    const esbuild = require('esbuild') as { build(o: Record<string, unknown>): Promise<unknown> };
    const outdir = `${data}/${suite}-child`;
    rmSync(outdir, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      ...(options.splitting ? { splitting: true } : {}),
      outdir,
      conditions: ['@interop/source'],
      logLevel: 'warning',
    });
    return ['node', `${outdir}/child.js`];
  } catch (e) {
    console.error(`bench ${suite}: running the child through tsx (${(e as Error).message})`);
    return ['node', '--conditions=@interop/source', '--import', 'tsx', entry];
  }
}
