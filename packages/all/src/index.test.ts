import { describe, expect, it } from 'vitest';
import * as all from './index.js';

describe('@interop/all exports', () => {
  it('the four framework namespaces, jax, jnp, interop and the errors', () => {
    expect(typeof all.brainstate.nn.Linear).toBe('function');
    expect(typeof all.brainstate.random.seed).toBe('function');
    expect(typeof all.nnx.Rngs).toBe('function');
    expect(typeof all.linen.Dense).toBe('function');
    expect(typeof all.equinox.Linear).toBe('function');
    expect(typeof all.jax.vmap).toBe('function');
    expect(typeof all.jax.random.PRNGKey).toBe('function');
    expect(typeof all.jnp.allclose).toBe('function');
    expect(new all.UnsupportedLayerError('x')).toBeInstanceOf(all.InteropError);
  });

  it('interop.supportedLayers lists what converts to each framework, sorted as Python sorts', () => {
    const layers = all.interop.supportedLayers();
    expect(Object.keys(layers)).toEqual(['nnx', 'linen', 'equinox']);
    for (const names of Object.values(layers)) {
      expect(names).toEqual(expect.arrayContaining(['Conv2d', 'LSTMCell', 'LayerNorm', 'Linear']));
      expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    }
    expect(all.interop.supportedLayers('equinox')).toEqual({ equinox: layers.equinox });
  });

  it('frameworkOf tells the four frameworks apart', () => {
    const { brainstate, nnx, linen, equinox, jax, interop } = all;
    expect(interop.frameworkOf(new brainstate.nn.Linear(4, 8))).toBe('brainstate');
    expect(interop.frameworkOf(new nnx.Linear(4, 8, { rngs: new nnx.Rngs(0) }))).toBe('nnx');
    expect(interop.frameworkOf([new linen.Dense(8), {}])).toBe('linen');
    expect(interop.frameworkOf(new equinox.Linear(4, 8, { key: jax.random.PRNGKey(0) }))).toBe('equinox');
  });

  it('convert goes NNX → Equinox directly, without BrainState, and keeps the outputs', () => {
    const { nnx, jax, jnp, interop, brainstate } = all;
    const model = new nnx.Sequential(
      new nnx.Linear(4, 8, { rngs: new nnx.Rngs(0) }),
      new nnx.LayerNorm(8, { rngs: new nnx.Rngs(1) }),
      new nnx.Linear(8, 2, { rngs: new nnx.Rngs(2) }),
    );
    const eqx = interop.convert(model, { to: 'equinox' }) as unknown as { call(x: all.Tensor): all.Tensor };
    brainstate.random.seed(1);
    const x = brainstate.random.randn(5, 4);
    expect(jnp.allclose(model.call(x), jax.vmap(eqx)(x) as all.Tensor, { atol: 1e-5 })).toBe(true);
  });
});
