import { InteropError } from '@interop/core';
import { createGpuJsBackend } from './gpujs.js';
import { createReferenceBackend } from './reference.js';
import { createTiledBackend } from './tiled.js';
import type { Backend, BackendName } from './types.js';

/** Every backend name, in documentation order. */
export const BACKEND_NAMES: readonly BackendName[] = Object.freeze(['reference', 'tiled', 'gpu.js', 'gpu.js-cpu']);

const factories: Record<BackendName, () => Backend> = {
  reference: createReferenceBackend,
  tiled: createTiledBackend,
  'gpu.js': () => createGpuJsBackend('gpu'),
  'gpu.js-cpu': () => createGpuJsBackend('cpu'),
};

const instances = new Map<BackendName, Backend>();
let defaultName: BackendName = 'gpu.js';

/**
 * Sets the backend `runIR`/`runCell` use when no `backend` option is given. The initial default
 * is `'gpu.js'`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unknown name.
 * @example
 * ```ts
 * setDefaultBackend('tiled');
 * ```
 */
export function setDefaultBackend(name: BackendName): void {
  defaultName = checkName(name);
}

/**
 * The current default backend name.
 *
 * @example
 * ```ts
 * getDefaultBackend(); // 'gpu.js'
 * ```
 */
export function getDefaultBackend(): BackendName {
  return defaultName;
}

/**
 * The backend instance for a name (created on first use), or the default one.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT for an unknown name.
 * @example
 * ```ts
 * getBackend('reference').matmul(a, b, 2, 3, 4);
 * ```
 */
export function getBackend(name: BackendName = defaultName): Backend {
  const n = checkName(name);
  let b = instances.get(n);
  if (!b) {
    b = factories[n]();
    instances.set(n, b);
  }
  return b;
}

function checkName(name: string): BackendName {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new InteropError('E_INVALID_ARGUMENT', `Unknown backend "${name}"`, {
      expected: BACKEND_NAMES.join(', '),
      found: name,
    });
  }
  return name as BackendName;
}
