// Bundled for the browser test: exposes the runtime on `globalThis.interopRuntime`.
import { Tensor } from '@interop/core';
import type { LayerIR } from '@interop/core';
import type { BackendName } from '../index.js';
import { lastRun, runIR } from '../index.js';

interface Plain {
  shape: number[];
  data: number[];
}

function run(ir: { kind: string; params: unknown; tensors: Record<string, Plain> }, x: Plain, backend: BackendName) {
  const tensors = Object.fromEntries(
    Object.entries(ir.tensors).map(([k, v]) => [k, new Tensor('float32', v.shape, Float32Array.from(v.data))]),
  );
  const y = runIR({ ...ir, tensors } as unknown as LayerIR, new Tensor('float32', x.shape, Float32Array.from(x.data)), { backend });
  return { shape: [...y.shape], data: Array.from(y.data as Float32Array), report: lastRun() };
}

(globalThis as unknown as { interopRuntime: unknown }).interopRuntime = { run };
