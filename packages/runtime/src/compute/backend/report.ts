import type { Backend, BackendName } from './types.js';

/** What actually executed a run. */
export interface RunReport {
  /** The backend asked for. */
  backend: BackendName;
  /**
   * The engines that executed primitives, e.g. `['WebAssemblyKernel']` for gpu.js in Node,
   * `['WebGL2Kernel']` in a browser, `['typescript-float64']` for the reference.
   */
  engines: string[];
  /** True when gpu.js in `'gpu'` mode fell back to its CPU kernel. */
  fallback: boolean;
  /** The IR kind run at the top level. */
  kind: string;
  /** Wall time of the run in milliseconds. */
  ms: number;
}

let last: RunReport | undefined;

/**
 * The report of the most recent `runIR`/`runCell`/`runProgram` call, or undefined before the first.
 *
 * @example
 * ```ts
 * runIR(ir, x, { backend: 'gpu.js' });
 * lastRun()?.engines; // ['WebAssemblyKernel']
 * ```
 */
export function lastRun(): RunReport | undefined {
  return last;
}

/**
 * Wraps a backend so every primitive call records its engine; returns the wrapper, `note` (adds
 * the engines of a nested run, such as a child a forward program called) and a finisher.
 */
export function trackRun(
  backend: Backend,
  kind: string,
): { backend: Backend; note(engines: readonly string[]): void; finish(): RunReport } {
  const engines = new Set<string>();
  const start = performance.now();
  const note = <T>(v: T): T => {
    engines.add(backend.engine());
    return v;
  };
  const tracked: Backend = {
    ...backend,
    matmul: (...a) => note(backend.matmul(...a)),
    conv: (...a) => note(backend.conv(...a)),
    normalize: (...a) => note(backend.normalize(...a)),
    channelAffine: (...a) => note(backend.channelAffine(...a)),
    activation: (...a) => note(backend.activation(...a)),
    add: (...a) => note(backend.add(...a)),
    pool: (...a) => note(backend.pool(...a)),
    mean: (...a) => note(backend.mean(...a)),
    softmax: (...a) => note(backend.softmax(...a)),
  };
  return {
    backend: tracked,
    note(list) {
      for (const e of list) engines.add(e);
    },
    finish() {
      const list = [...engines];
      last = {
        backend: backend.name,
        engines: list,
        fallback: backend.name === 'gpu.js' && list.includes('CPUKernel'),
        kind,
        ms: performance.now() - start,
      };
      return last;
    },
  };
}
