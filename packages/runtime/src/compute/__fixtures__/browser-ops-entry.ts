// Bundled for the browser ops test: exposes runIR on IR JSON as `globalThis.interopOps`.
import { Tensor, irFromJSON } from '@interop/core';
import type { LayerIR } from '@interop/core';
import type { BackendName } from '../index.js';
import { lastRun, runIR } from '../index.js';

interface Plain {
  shape: number[];
  data: number[];
}

function run(ir: unknown, x: Plain, backend: BackendName) {
  const y = runIR(irFromJSON(ir) as LayerIR, new Tensor('float32', x.shape, Float32Array.from(x.data)), { backend });
  return { shape: [...y.shape], data: Array.from(y.data as Float32Array), report: lastRun() };
}

(globalThis as unknown as { interopOps: unknown }).interopOps = { run };
