/**
 * Collects live conformance cases from every package that has `conformance/cases.ts` and writes
 * them under `<out>/<package folder>/`, in the golden-fixture manifest schema, for
 * `check_cases.py` to load in the real Python frameworks.
 *
 *     node --conditions=@interop/source --import tsx tooling/conformance/live/write-cases.ts <out>
 *
 * Contract (docs/conformance.md): `packages/<name>/conformance/cases.ts` exports
 * `writeConformanceCases(ctx: ConformanceCaseContext): Promise<void> | void` and calls
 * `ctx.writeCase(name, manifest, files)` once per case.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The manifest of one live case: same keys as a golden fixture manifest (FIXTURES.md). */
export interface ConformanceManifest {
  /** `nnx`, `linen`, `equinox` or `brainstate`. */
  framework: string;
  /** Layer name for the report table, e.g. `Linear`. */
  layer: string;
  /** Python constructor call as JSON, e.g. `{ type: 'Linear', in_features: 3, out_features: 5 }`. */
  spec: Record<string, unknown>;
  /** `forward` (default), `embed`, `lstm`, `gru`, `cell` (brainstate) or `batchnorm` (equinox with State). */
  kind?: string;
  /** Comparison tolerance; defaults to float32's (rtol 1e-5, atol 1e-6). */
  tolerance?: { rtol: number; atol: number; dtype?: string; accumulation?: number };
  /** Array name -> file name, e.g. `{ input: 'linear.input.npy', output: 'linear.output.npy' }`. */
  arrays: Record<string, string>;
  /** Must contain `checkpoint`: the native parameter file our writer produced. */
  files: Record<string, string>;
  [key: string]: unknown;
}

/** What `writeConformanceCases` receives. */
export interface ConformanceCaseContext {
  /** Folder the package's cases go to. */
  readonly dir: string;
  /** Writes `<name>.json` and the given files (file name -> bytes) into `dir`. */
  writeCase(name: string, manifest: ConformanceManifest, files: Record<string, Uint8Array>): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? join(root, 'tooling/conformance/.work/cases'));
  const packagesDir = join(root, 'packages');
  const contributors = readdirSync(packagesDir)
    .filter((name) => existsSync(join(packagesDir, name, 'conformance/cases.ts')))
    .sort();
  if (contributors.length === 0) {
    console.log('no package has conformance/cases.ts yet: no TypeScript cases written');
  }
  let total = 0;
  for (const pkg of contributors) {
    const dir = join(out, pkg);
    await mkdir(dir, { recursive: true });
    let count = 0;
    const ctx: ConformanceCaseContext = {
      dir,
      async writeCase(name, manifest, files) {
        if (!/^[a-z0-9][a-z0-9_-]*$/.test(name)) throw new Error(`${pkg}: bad case name ${JSON.stringify(name)}`);
        for (const [file, bytes] of Object.entries(files)) await writeFile(join(dir, file), bytes);
        const full = { schema: 1, group: `live-${pkg}`, case: name, ...manifest };
        await writeFile(join(dir, `${name}.json`), `${JSON.stringify(full, null, 2)}\n`);
        count += 1;
      },
    };
    const mod = (await import(pathToFileURL(join(packagesDir, pkg, 'conformance/cases.ts')).href)) as {
      writeConformanceCases?: (c: ConformanceCaseContext) => Promise<void> | void;
    };
    if (typeof mod.writeConformanceCases !== 'function') {
      throw new Error(`packages/${pkg}/conformance/cases.ts does not export writeConformanceCases(ctx)`);
    }
    await mod.writeConformanceCases(ctx);
    console.log(`  ${pkg}: ${count} case(s)`);
    total += count;
  }
  console.log(`${total} TypeScript case(s) written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
