import { expect, it } from 'vitest';

it('exports exactly the public surface of @interop/runtime', async () => {
  // Adding an export is a decision: update this list, the TSDoc and the changeset together.
  // Before removing one, check every import of @interop/runtime across packages/ and examples/.
  expect(Object.keys(await import('./index.js')).sort()).toEqual([
    'BACKEND_NAMES',
    'GPUJS_MAX_ELEMENTS',
    'KeyArray',
    'PRNGKey',
    'activate',
    'allclose',
    'bernoulli',
    'bits',
    'castTo',
    'checkFloatDType',
    'checkShape',
    'compare',
    'computeFans',
    'constant',
    'erfF32',
    'erfInvF32',
    'float32Tolerance',
    'floatTensor',
    'foldIn',
    'fromNdarray',
    'getDefaultBackend',
    'glorotNormal',
    'glorotUniform',
    'heNormal',
    'heUniform',
    'initializers',
    'kaimingNormal',
    'kaimingUniform',
    'key',
    'keyData',
    'lastRun',
    'lecunNormal',
    'lecunUniform',
    'nextAfter',
    'normal',
    'ones',
    'orthogonal',
    'promoteFloatDtypes',
    'roundFor',
    'runCell',
    'runIR',
    'runProgram',
    'sha1',
    'split',
    'toKeyArray',
    'toNdarray',
    'truncatedNormal',
    'uniform',
    'uniformValues',
    'varianceScaling',
    'verify',
    'wrapKeyData',
    'xavierNormal',
    'xavierUniform',
    'zeros',
  ]);
});

it('keeps kernel internals and the process-global backend switch off the entry', async () => {
  const names = Object.keys(await import('./index.js'));
  for (const internal of ['threefry2x32', 'setDefaultBackend', 'getBackend', 'randomWords', 'resolvePads', 'log1pF32'])
    expect(names).not.toContain(internal);
});
