import { InteropError, Tensor } from '@interop/core';
import type { IRNode, KindTable, LayerIR } from '@interop/core';
import { getBackend } from './backend/registry.js';
import { trackRun } from './backend/report.js';
import type { BackendName } from './backend/types.js';
import { runLayer } from './layers/dispatch.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for TSDoc links
import type { float32Tolerance } from './verify/tolerance.js';
import type { GPUJS_MAX_ELEMENTS } from './backend/gpujs.js';
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- for TSDoc links
import type { runProgram } from './run-program.js';

/** Options of {@link runIR}, {@link runCell} and {@link runProgram}. */
export interface RunOptions {
  /** Which backend computes; defaults to {@link getDefaultBackend}. */
  backend?: BackendName;
  /** Refuse NaN in the input and the IR's tensors (E_NAN). @default false */
  checkNaN?: boolean;
  /**
   * Output dtype. `'float64'` is only meaningful with the reference backend, whose values are
   * float64 throughout. @default 'float32'
   */
  outputDtype?: 'float32' | 'float64';
  /**
   * Plugin kind definitions (`registry.kinds()`): a node of one of these kinds runs through its
   * definition's `run`, since the runtime has kernels only for the built-in kinds.
   */
  kinds?: KindTable | undefined;
}

/**
 * Runs the forward pass of a layer IR in inference mode on a batched, channels-last input
 * `[batch, ...ir.inputShape]`. A `module` IR runs its forward program (children by name, list
 * children item by item, nested modules recursively; see {@link runProgram}); the stateless kinds
 * `pool`, `flatten`, `reshape`, `mean` and `softmax` apply to each example. A plugin's kind runs
 * through its definition's `run` when `options.kinds` holds it (`{ kinds: registry.kinds() }`).
 * Half-precision inputs and weights are decoded exactly; the output
 * is float32 (values computed in float32 on `tiled`/`gpu.js`, in float64 then rounded on
 * `reference`). Cells run one step from a zero carry and return `h'`; use {@link runCell} to pass
 * a carry. {@link lastRun} reports which backend and engine actually ran. The float32 backends
 * agree with `reference` within {@link float32Tolerance} (rtol 1e-5, atol max(1e-5, 1e-7·K) for a
 * K-term sum, O(1) values). gpu.js kernels index in float32, so each buffer is limited to
 * {@link GPUJS_MAX_ELEMENTS} (2^23) elements there.
 *
 * @throws {InteropError} E_SHAPE_MISMATCH (input vs IR), E_DTYPE (non-float input to a float
 *   layer, non-integer ids), E_INVALID_IR (malformed IR), E_MISSING_ARCH (a module without a
 *   forward), E_NAN (with `checkNaN`), E_BACKEND.
 * @example
 * ```ts
 * const ir: LinearIR = { kind: 'linear', params: { inFeatures: 3, outFeatures: 2 }, tensors: { kernel, bias } };
 * const y = runIR(ir, Tensor.fromArray([1, 2, 3], [1, 3], 'float32'), { backend: 'gpu.js' });
 * ```
 */
export function runIR(ir: LayerIR | IRNode, input: Tensor, options: RunOptions = {}): Tensor {
  if (!(input instanceof Tensor)) {
    throw new InteropError('E_INVALID_ARGUMENT', 'runIR needs a Tensor input', { found: typeof input });
  }
  const run = trackRun(getBackend(options.backend), String((ir as { kind?: unknown })?.kind));
  const out = runLayer(
    ir as LayerIR,
    { tensor: input },
    { backend: run.backend, checkNaN: options.checkNaN ?? false, kinds: options.kinds },
  );
  run.finish();
  return toTensor(out.data, out.shape, options.outputDtype);
}

/** Wraps a flat buffer as a float32 (or float64) tensor. */
export function toTensor(data: Float32Array | Float64Array, shape: number[], dtype: 'float32' | 'float64' = 'float32'): Tensor {
  if (dtype === 'float64') return new Tensor('float64', shape, data instanceof Float64Array ? data : Float64Array.from(data));
  return new Tensor('float32', shape, data instanceof Float32Array ? data : Float32Array.from(data));
}
