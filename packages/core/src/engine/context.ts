import { MissingShapeError } from '../errors/named-errors.js';
import type { ConversionContext, ConversionOptions } from '../registry/types.js';
import type { Shape } from '../tensor/tensor.js';

/** What {@link createConversionContext} needs. */
export interface ConversionContextInit {
  framework: string;
  direction: 'toIR' | 'fromIR';
  path?: string;
  inputShape?: Shape | undefined;
  options?: ConversionOptions;
}

/**
 * The context a mapping receives. The engine builds one per layer; tests and tools that call a
 * mapping directly (such as `@interop/testing`) build their own.
 *
 * @example
 * ```ts
 * const ctx = createConversionContext({ framework: 'nnx', direction: 'toIR', inputShape: [8, 8, 3] });
 * ctx.requireInputShape('Conv'); // [8, 8, 3]
 * ```
 */
export function createConversionContext(init: ConversionContextInit): ConversionContext {
  const path = init.path ?? '';
  const inputShape = init.inputShape === undefined ? undefined : [...init.inputShape];
  return Object.freeze({
    framework: init.framework,
    direction: init.direction,
    path,
    inputShape,
    options: init.options ?? {},
    requireInputShape(layerName: string): number[] {
      if (inputShape === undefined) {
        throw new MissingShapeError(`Converting \`${layerName}\` needs the input shape, but no \`sampleInput\` was given`, {
          path,
          layer: layerName,
          framework: init.framework,
          fix: 'Pass `sampleInput`: one unbatched, channels-last example or its shape (e.g. { sampleInput: [8, 8, 3] } for H, W, C)',
        });
      }
      return [...inputShape];
    },
  });
}

/** Joins a parent path and a child's segment: `('', 'layers/0')` gives `layers/0`. */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}/${key}`;
}
