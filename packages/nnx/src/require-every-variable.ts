import { InteropError } from '@interop/core';
import { flatState, state } from './graph.js';
import type { PureDict } from './graph.js';
import type { AnyModule } from './module.js';

/**
 * Refuses a file that leaves some of the spec's variables unset: the model is built shape-only
 * to receive the file's state, so a variable the file lacks would keep a placeholder value and
 * the converted model would compute something else. Restoring onto `nnx.eval_shape`'s abstract
 * state fails the same way in Python.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH naming the variables the file lacks.
 * @example
 * ```ts
 * requireEveryVariable(module, pureDictOfTree(tree));
 * ```
 */
export function requireEveryVariable(module: AnyModule, file: PureDict): void {
  const have = new Set(flatState(file).map(([p]) => p.join('/')));
  const missing = flatState(state(module))
    .map(([p]) => p.join('/'))
    .filter((p) => !have.has(p));
  if (missing.length === 0) return;
  const shown = missing.slice(0, 8).join(', ') + (missing.length > 8 ? `, ... (${missing.length} in all)` : '');
  throw new InteropError('E_FORMAT_MISMATCH', `the file has no array for ${shown}, which the spec's model has`, {
    path: missing[0],
    expected: shown,
    fix: 'Pass the spec the file was saved with (interop convert writes it beside every output as OUTPUT.arch.json), or leave out --arch to infer it from a msgpack file',
  });
}
