import { defineMapping } from '@interop/core';
import type { RMSNormIR } from '@interop/core';
import { RMSNorm } from '../modules/rms-norm.js';
import { wholeExampleConversion } from './whole-example-norm.js';

/**
 * `eqx.nn.RMSNorm(shape)` ↔ `rms-norm`, over the whole example moved channels-last, with its
 * bias carried into the IR (a zero bias too): a target without a bias refuses a non-zero one,
 * Equinox accepts every rms-norm IR.
 *
 * @example
 * ```ts
 * rmsNorm.toIR(new EqxNode(new RMSNorm([6])), ctx).tensors.bias; // zeros(6)
 * ```
 */
export const rmsNorm = defineMapping({
  meta: {
    framework: 'equinox',
    layer: 'RMSNorm',
    ir: 'rms-norm',
    status: 'stable',
    description: 'eqx.nn.RMSNorm ↔ rms-norm (with its bias; over the whole example)',
  },
  layerType: RMSNorm,
  ...wholeExampleConversion<RMSNormIR>('RMSNorm', RMSNorm),
});
