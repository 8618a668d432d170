import type { LayerMapping } from '@interop/core';
import { describe, it } from 'vitest';
import { checkInvalidCase, checkValidCase } from './check-case.js';
import type { MappingCases, MappingTesterOptions } from './types.js';

/** Runs tables of cases against mappings, one vitest test per case. */
export interface MappingTester {
  /** Declares a `describe` block for the mapping with one `it` per valid and invalid case. */
  run<TNode>(mapping: LayerMapping<TNode>, cases: MappingCases<TNode>): void;
}

/**
 * Creates a tester in the spirit of ESLint's RuleTester. Each valid case must round-trip
 * framework layer → IR → framework layer with every parameter bit-identical (and, given
 * `runLayer` and an `input`, with outputs equal within `tolerance`); each invalid case must throw
 * an InteropError with its code. Call `run` at the top level of a vitest test file.
 *
 * @example
 * ```ts
 * const tester = createMappingTester({ runLayer: (layer: Linear, x) => layer.apply(x) });
 * tester.run(linear, {
 *   valid: [{ name: 'with bias', layer: new Linear(kernel, bias), input: x }],
 *   invalid: [{ name: 'GRU with hidden bias', ir: gruIR, error: 'E_CONVERSION' }],
 * });
 * ```
 */
export function createMappingTester(options: MappingTesterOptions = {}): MappingTester {
  return {
    run(mapping, cases) {
      const { framework, layer } = mapping.meta;
      describe(`${framework}:${layer}`, () => {
        (cases.valid ?? []).forEach((c, i) => {
          it(c.name ?? `valid case ${i + 1}`, () => checkValidCase(mapping, c, options));
        });
        (cases.invalid ?? []).forEach((c) => {
          it(`refuses: ${c.name} (${c.error})`, () => checkInvalidCase(mapping, c));
        });
      });
    },
  };
}

/**
 * A tester with default options (parameter round trip only, no forward check).
 *
 * @example
 * ```ts
 * mappingTester.run(dropout, { valid: [{ layer: new Dropout(0.3) }] });
 * ```
 */
export const mappingTester: MappingTester = createMappingTester();
