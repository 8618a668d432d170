import type { ConversionOptions, InteropErrorCode, IRNode, SampleInput, Tensor } from '@interop/core';
import type { Tolerance } from './compare.js';

/** A layer that must survive framework layer → IR → framework layer unchanged. */
export interface ValidCase<TNode> {
  /** Test title; defaults to `valid case <n>`. */
  name?: string;
  /** The framework layer, as the plugin's adapter walks it. */
  layer: TNode;
  /** Input shape the mapping sees as `ctx.inputShape` (one unbatched example or its shape). */
  sampleInput?: SampleInput;
  /** A batch to run through the layer before and after, when the tester has `runLayer`. */
  input?: Tensor;
  /** Passed to the mapping as `ctx.options`. */
  options?: ConversionOptions;
}

/**
 * A case the mapping must refuse with an InteropError of code `error`: either a framework `layer`
 * (refused while reading it or while building it back) or an `ir` node it must not build.
 */
export interface InvalidCase<TNode> {
  name: string;
  layer?: TNode;
  ir?: IRNode;
  error: InteropErrorCode;
  sampleInput?: SampleInput;
  options?: ConversionOptions;
}

/** The cases of one mapping. */
export interface MappingCases<TNode> {
  valid?: readonly ValidCase<TNode>[];
  invalid?: readonly InvalidCase<TNode>[];
}

/** Options of `createMappingTester`. */
export interface MappingTesterOptions {
  /** Runs a framework layer on a batch; enables the output check of valid cases with `input`. */
  runLayer?: (layer: never, input: Tensor) => Tensor | Promise<Tensor>;
  /** Tolerance of the output check; default `{ rtol: 1e-5, atol: 1e-6 }`. */
  tolerance?: Partial<Tolerance>;
  /** Lists a layer's parameters; default: every Tensor reachable from it (`collectTensors`). */
  params?: (layer: never) => Map<string, Tensor>;
}
