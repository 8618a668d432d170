import { ConversionError, defineMapping } from '@interop/core';
import type { ActivationIR } from '@interop/core';
import { ReLU } from '../model.js';

/**
 * Toy `ReLU` ↔ `activation` with `fn: 'relu'`; any other function is refused by name.
 *
 * @example
 * ```ts
 * createRegistry().use(toy).toIR(new ReLU(), 'toy'); // { kind: 'activation', params: { fn: 'relu' }, tensors: {} }
 * ```
 */
export const relu = defineMapping({
  meta: { framework: 'toy', layer: 'ReLU', ir: 'activation', status: 'experimental', description: 'max(x, 0)' },
  layerType: ReLU,
  toIR: (): ActivationIR => ({ kind: 'activation', params: { fn: 'relu' }, tensors: {} }),
  fromIR: (ir: ActivationIR) => {
    if (ir.params.fn !== 'relu')
      throw new ConversionError(`The toy framework has no ${ir.params.fn} activation, only relu`, {
        fix: 'Use relu, or add the function to the toy framework',
      });
    return new ReLU();
  },
});
