import type { Tensor } from '@interop/core';
import * as brainstate from '@interop/brainstate';
import type { AnyModule as LinenModule, Variables } from '@interop/linen';
import * as nnx from '@interop/nnx';
import type { AnyModule as NnxModule } from '@interop/nnx';
import { PRNGKey } from '@interop/runtime';
import type { Interop, ModelOf } from '../interop/create-interop.js';
import { vmap } from '../jax.js';
import { allclose } from '../jnp.js';
import { BrainstateScale, brainstateScale, nnxScale } from './custom-scale.js';

/** Where the demo prints, and what it found. */
export interface DemoResult {
  /** Every check the notebook makes, by label; the demo passes when all are true. */
  checks: Record<string, boolean>;
  /** The converted conv's output shape (`[2, 8, 8, 4]`). */
  convShape: number[];
  /** The arrays behind the checks, for comparison with the notebook's own (by section). */
  arrays: Record<string, Tensor>;
}

const makeModel = () =>
  new brainstate.nn.Sequential(new brainstate.nn.Linear(4, 8), new brainstate.nn.LayerNorm(8), new brainstate.nn.Linear(8, 2));

/**
 * The BrainState interop notebook's scenario, step by step, printing what the notebook prints.
 * `interop` should be fresh: the demo registers its custom layer on it.
 *
 * @example
 * ```ts
 * const { checks } = runDemo(defaultInterop(), console.log);
 * ```
 */
export function runDemo(interop: Interop, out: (line: string) => void): DemoResult {
  const checks: Record<string, boolean> = {};
  const arrays: Record<string, Tensor> = {};
  const check = (label: string, a: Tensor, b: Tensor) => {
    arrays[label] = b;
    checks[label] = allclose(a, b, { atol: 1e-5 });
    out(`${label.padEnd(12)} output matches: ${checks[label]}`);
  };

  out('What can be converted (interop.supportedLayers())');
  for (const [framework, names] of Object.entries(interop.supportedLayers())) out(`${framework.padEnd(8)} : ${names.join(', ')}`);

  brainstate.random.seed(0);
  const x = brainstate.random.randn(3, 4);
  arrays.x = x;
  out('');
  out('model = Sequential(Linear(4, 8), LayerNorm(8), Linear(8, 2)); random.seed(0); x = randn(3, 4)');

  out('');
  out('Flax NNX');
  let model = makeModel();
  let reference = model.call(x);
  arrays.nnxReference = reference;
  const nnxModel = interop.toNnx(model, { rngs: new nnx.Rngs(0) }) as NnxModule;
  check('toNnx', reference, nnxModel.call(x));
  check('fromNnx', reference, (interop.fromNnx(nnxModel) as brainstate.Module).call(x));

  out('');
  out('Flax Linen');
  model = makeModel();
  reference = model.call(x);
  arrays.linenReference = reference;
  const [linenModule, variables] = interop.toLinen(model) as [LinenModule, Variables];
  check('toLinen', reference, linenModule.apply(variables, x));
  check('fromLinen', reference, (interop.fromLinen(linenModule, variables) as brainstate.Module).call(x));

  out('');
  out('Equinox (per example: jax.vmap over the batch)');
  model = makeModel();
  reference = model.call(x);
  arrays.equinoxReference = reference;
  const eqxModel = interop.toEquinox(model, { key: PRNGKey(0) }) as unknown as { call(x: Tensor): Tensor };
  check('toEquinox', reference, vmap(eqxModel)(x) as Tensor);
  check('fromEquinox', reference, (interop.fromEquinox(eqxModel as unknown as ModelOf<'equinox'>) as brainstate.Module).call(x));

  out('');
  out('Spatial layers need a sample input');
  const conv = new nnx.Conv(3, 4, [3, 3], { rngs: new nnx.Rngs(0) });
  const bstConv = interop.fromNnx(conv, { sampleInput: [8, 8, 3] }) as brainstate.Module;
  const image = brainstate.random.randn(2, 8, 8, 3);
  arrays.image = image;
  arrays.conv = bstConv.call(image);
  const convShape = [...arrays.conv.shape];
  out(`converted conv output shape: (${convShape.join(', ')})`);

  out('');
  out('Extending the registry (interop.registerLayerMapping)');
  interop.registerLayerMapping(brainstateScale);
  interop.registerLayerMapping(nnxScale);
  const custom = new brainstate.nn.Sequential(new brainstate.nn.Linear(4, 8), new BrainstateScale(8), new brainstate.nn.Linear(8, 2));
  const customNnx = interop.toNnx(custom, { rngs: new nnx.Rngs(0) }) as NnxModule;
  checks.customScale = allclose(custom.call(x), customNnx.call(x), { atol: 1e-5 });
  out(`custom Scale layer, BrainState → NNX: outputs agree: ${checks.customScale}`);
  out(`nnx supported layers now include Scale: ${interop.supportedLayers('nnx').nnx!.includes('Scale')}`);

  return { checks, convShape, arrays };
}
