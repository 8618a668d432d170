// The public surface of @interop/all, listed: a new export (or a CLI internal leaking back into
// the main entry) is a deliberate change to this list.
import { readFileSync } from 'node:fs';
import brainstatePlugin from '@interop/brainstate';
import equinoxPlugin from '@interop/equinox';
import * as formats from '@interop/formats';
import linenPlugin from '@interop/linen';
import nnxPlugin, { Rngs } from '@interop/nnx';
import { describe, expect, it } from 'vitest';
import * as cli from './cli/index.js';
import * as all from './index.js';

describe('@interop/all public surface', () => {
  it('the main entry exports the facade, the framework namespaces and the errors, and no CLI internals', () => {
    expect(Object.keys(all).sort()).toEqual([
      'ConversionError',
      'InteropError',
      'MissingDependencyError',
      'MissingPluginError',
      'MissingShapeError',
      'Tensor',
      'UnmappedLayerError',
      'UnsupportedLayerError',
      'UnsupportedStructureError',
      'brainstate',
      'createInterop',
      'defaultInterop',
      'defineMapping',
      'definePlugin',
      'equinox',
      'fitToTemplate',
      'formats',
      'forwardFromSpec',
      'interop',
      'isInteropError',
      'jax',
      'jnp',
      'linen',
      'nnx',
      'runDemo',
    ]);
    for (const internal of ['runCli', 'PLUGINS', 'FRAMEWORK_FILES', 'main']) expect(all).not.toHaveProperty(internal);
  });

  it('@interop/all/cli exports runCli alone', () => {
    expect(Object.keys(cli)).toEqual(['runCli']);
  });

  it('one Rngs: nnx.Rngs is the NNX plugin class, and no other namespace exports one', () => {
    expect(all.nnx.Rngs).toBe(Rngs);
    for (const name of ['brainstate', 'equinox', 'linen', 'formats', 'jax', 'jnp'] as const) expect(all[name]).not.toHaveProperty('Rngs');
    expect(all).not.toHaveProperty('Rngs');
  });

  it('formats is @interop/formats, the file codecs (readNpz, openSafetensors, ...)', () => {
    expect(all.formats).toEqual(formats);
    expect(typeof all.formats.readNpz).toBe('function');
  });

  it("every first-party plugin's meta.version is its package.json version", () => {
    const plugins = { brainstate: brainstatePlugin, equinox: equinoxPlugin, linen: linenPlugin, nnx: nnxPlugin };
    for (const [dir, plugin] of Object.entries(plugins)) {
      const pkg = JSON.parse(readFileSync(new URL(`../../${dir}/package.json`, import.meta.url), 'utf8')) as {
        name: string;
        version: string;
      };
      expect({ name: plugin.meta.name, version: plugin.meta.version }).toEqual({ name: pkg.name, version: pkg.version });
    }
  });

  it('every first-party plugin names its framework as prose does (meta.title), and messages use it', () => {
    const titles = [brainstatePlugin, equinoxPlugin, linenPlugin, nnxPlugin].map((p) => p.meta.title);
    expect(titles).toEqual(['BrainState', 'Equinox', 'Linen', 'NNX']);
    const eqxModel = new all.equinox.Linear(3, 4, { key: all.jax.random.key(0) });
    expect(() => all.interop.toLinen(eqxModel as never)).toThrow(/^toLinen takes a BrainState model, not an Equinox model/);
    expect(() => all.interop.fromNnx(new all.linen.Dense(4) as never)).toThrow(/^fromNnx takes an NNX model, not a Linen model/);
  });
});
