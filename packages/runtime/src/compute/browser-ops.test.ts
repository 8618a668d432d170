import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleEntry } from './__fixtures__/bundle.js';
import { chromiumSource } from './__fixtures__/chromium.js';
import { OPS_CASES, decode } from './__fixtures__/ops-fixtures.js';
import { compare } from './index.js';

const CHROMIUM = chromiumSource();
const ENTRY = fileURLToPath(new URL('./__fixtures__/browser-ops-entry.ts', import.meta.url));

const bundle = () => bundleEntry(ENTRY, 'interopOpsBundle');

// The `ops` golden fixtures (pools with -inf and NaN windows, softmax, the module CNN) on gpu.js's
// WebGL2 kernels in headless Chromium, where the Node tests only reach its WebAssembly kernels.
// Skipped as browser.test.ts is: only without a Chromium, on a platform other than Linux x64.
const unavailable = CHROMIUM.unavailable !== undefined && !process.env.CI;
describe.skipIf(unavailable)(`ops on WebGL2 (headless ${CHROMIUM.label}${unavailable ? `: skipped, ${CHROMIUM.unavailable}` : ''})`, () => {
  it('every ops fixture matches JAX on gpu.js WebGL2', async () => {
    const { chromium } = await import('playwright-core');
    const { executablePath, args } = await CHROMIUM.resolve();
    const code = await bundle();
    const profile = mkdtempSync(join(tmpdir(), 'interop-chromium-profile-'));
    const browser = await chromium.launchPersistentContext(profile, { executablePath, args });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: code });
      expect(OPS_CASES.length).toBeGreaterThanOrEqual(26);
      for (const c of OPS_CASES) {
        const x = decode(c.input);
        const got = (await page.evaluate(
          ([ir, v]) => (globalThis as unknown as { interopOps: { run: Function } }).interopOps.run(ir, v, 'gpu.js'),
          [c.ir, { shape: [...x.shape], data: Array.from(x.data as Float32Array) }] as const,
        )) as { shape: number[]; data: number[]; report: { engines: string[]; fallback: boolean } };
        const moves = ['flatten', 'reshape'].includes((c.ir as { kind: string }).kind);
        expect(got.report, c.case).toMatchObject({ engines: moves ? [] : ['WebGL2Kernel'], fallback: false });
        const expected = decode(c.expected);
        expect(got.shape, c.case).toEqual([...expected.shape]);
        const d = compare(got.data, expected.toFloat64(), { ...c.tolerance, equalNan: true });
        expect(d, `${c.case}: max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
      }
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 180_000);
});

if (unavailable) console.warn(`browser ops test skipped: ${CHROMIUM.unavailable}`);
