/**
 * Bundles a browser entry file (from `__fixtures__/`) into one IIFE script exposing `globalName`,
 * built from sources (the `@interop/source` condition), for the headless-Chromium tests.
 */
export async function bundleEntry(entry: string, globalName: string): Promise<string> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    resolve: { conditions: ['@interop/source', 'browser'] },
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name: globalName } },
  });
  const outputs = (Array.isArray(result) ? result[0]! : result) as { output: Array<{ code?: string }> };
  return outputs.output.map((o) => o.code ?? '').join('\n');
}
