// The public surface of @interop/all, listed: a new export (or a CLI internal leaking back into
// the main entry) is a deliberate change to this list.
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
});
