import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConvIR, LayerIR, LinearIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { TOLERANCE } from './__fixtures__/backends.js';
import { bundleEntry } from './__fixtures__/bundle.js';
import { chromiumSource } from './__fixtures__/chromium.js';
import { randn } from './__fixtures__/random.js';
import { compare, runIR } from './index.js';

const CHROMIUM = chromiumSource();
const ENTRY = fileURLToPath(new URL('./__fixtures__/browser-entry.ts', import.meta.url));

const bundle = () => bundleEntry(ENTRY, 'interopBundle');

const plain = (t: Tensor) => ({ shape: [...t.shape], data: Array.from(t.toFloat64()) });
const plainIR = (ir: LayerIR) => ({
  ...ir,
  tensors: Object.fromEntries(Object.entries(ir.tensors).map(([k, v]) => [k, plain(v as Tensor)])),
});

const dense: LinearIR = {
  kind: 'linear',
  params: { inFeatures: 64, outFeatures: 16 },
  tensors: { kernel: randn([64, 16], 1), bias: randn([16], 2) },
};
const conv: ConvIR = {
  kind: 'conv',
  params: {
    inFeatures: 3,
    outFeatures: 4,
    kernelSize: [3, 3],
    strides: [2, 1],
    padding: 'SAME',
    paddingMode: 'zeros',
    inputDilation: [1, 1],
    kernelDilation: [2, 1],
    featureGroups: 1,
  },
  tensors: { kernel: randn([3, 3, 3, 4], 3), bias: randn([4], 4) },
};
const norm: LayerIR = { kind: 'layer-norm', params: { featureShape: [32], epsilon: 1e-6, variance: 'fast' }, tensors: {} };
const gelu: LayerIR = { kind: 'activation', params: { fn: 'gelu' }, tensors: {} };
const CASES: Array<[string, LayerIR, Tensor]> = [
  ['dense', dense, randn([8, 64], 5)],
  ['conv', conv, randn([2, 9, 7, 3], 6)],
  ['layer norm', norm, randn([4, 32], 7, 3)],
  ['gelu', gelu, randn([3, 50], 8, 6)],
];

// Runs wherever a Chromium can be had: CHROMIUM_PATH, /usr/bin/chromium, or the Linux x64 build in
// the @sparticuz/chromium devDependency. Only on another platform without CHROMIUM_PATH is it
// skipped, with the reason in its title, and never in CI.
const unavailable = CHROMIUM.unavailable !== undefined && !process.env.CI;
describe.skipIf(unavailable)(`browser (headless ${CHROMIUM.label}${unavailable ? `: skipped, ${CHROMIUM.unavailable}` : ''})`, () => {
  it('runs kernels on gpu.js WebGL2 and matches the float64 reference', async () => {
    const { chromium } = await import('playwright-core');
    const { executablePath, args } = await CHROMIUM.resolve();
    const code = await bundle();
    const profile = mkdtempSync(join(tmpdir(), 'interop-chromium-profile-'));
    // Playwright takes the fresh user-data-dir through launchPersistentContext, not as a flag.
    const browser = await chromium.launchPersistentContext(profile, { executablePath, args });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: code });
      const renderer = await page.evaluate(() => {
        const gl = document.createElement('canvas').getContext('webgl2');
        const info = gl?.getExtension('WEBGL_debug_renderer_info');
        return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'no webgl2';
      });
      const agent = await page.evaluate(() => navigator.userAgent);
      console.info(
        `browser test (Node ${process.versions.node}): ${CHROMIUM.label} at ${executablePath}, ${/Chrome\/[\d.]+/.exec(agent)?.[0] ?? agent}, WebGL2 on ${renderer}`,
      );
      expect(renderer).toMatch(/SwiftShader/);
      for (const [name, ir, x] of CASES) {
        const got = (await page.evaluate(
          ([i, v]) => (globalThis as unknown as { interopRuntime: { run: Function } }).interopRuntime.run(i, v, 'gpu.js'),
          [plainIR(ir), plain(x)] as const,
        )) as { shape: number[]; data: number[]; report: { engines: string[]; fallback: boolean } };
        expect(got.report, name).toMatchObject({ engines: ['WebGL2Kernel'], fallback: false });
        const ref = runIR(ir, x, { backend: 'reference', outputDtype: 'float64' });
        expect(got.shape).toEqual([...ref.shape]);
        const d = compare(got.data, ref.data as Float64Array, TOLERANCE['gpu.js']);
        expect(d, `${name}: max abs ${d.maxAbsError}, max rel ${d.maxRelError}`).toMatchObject({ mismatches: 0 });
      }
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 120_000);
});

if (unavailable) console.warn(`browser test skipped: ${CHROMIUM.unavailable}`);
