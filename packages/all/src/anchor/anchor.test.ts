// The anchor's own conversions (brainstate.interop in Python, tooling/conformance/fixtures/anchor),
// replayed here: the same source file, converted by us, computes what Python's converted model
// computed, and is written byte for byte as Python wrote it.
import { InteropError, Tensor } from '@interop/core';
import { shapeChannelsLast } from '@interop/equinox';
import { readFlaxMsgpack } from '@interop/formats';
import type { MsgpackValue } from '@interop/formats';
import { PRNGKey, allclose, normal } from '@interop/runtime';
import { listFixtures, loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import type { ModelOf } from '../interop/frameworks.js';
import { anchorFile, filesOf, loadAnchor } from './anchor-case.js';
import type { AnchorCase } from './anchor-case.js';
import { runLSTM } from './cells.js';

const interop = defaultInterop();
const names = listFixtures('anchor');

function toForeign(c: AnchorCase, model: unknown): unknown {
  if (c.to === 'nnx') return interop.toNnx(model as ModelOf<'brainstate'>);
  if (c.to === 'linen') return interop.toLinen(model as ModelOf<'brainstate'>);
  return interop.toEquinox(model as ModelOf<'brainstate'>, { key: PRNGKey(0) });
}

function toBrainstate(c: AnchorCase, model: unknown, sampleInput = c.manifest.sample_input): unknown {
  const options = sampleInput ? { sampleInput } : {};
  if (c.from === 'nnx') return interop.fromNnx(model as ModelOf<'nnx'>, options);
  if (c.from === 'linen') return interop.fromLinen(...(model as ModelOf<'linen'>), options);
  return interop.fromEquinox(model as ModelOf<'equinox'>, options);
}

function expectOutputs(c: AnchorCase, framework: string, model: unknown, prefix: string): void {
  const tol = { rtol: c.manifest.tolerance?.rtol ?? 1e-5, atol: c.manifest.tolerance?.atol ?? 1e-6 };
  const a = c.arrays;
  if (c.manifest.kind === 'lstm') {
    const got = runLSTM(framework, model, a.input!, { h: a.carry0_h!, c: a.carry0_c! });
    expect(allclose(got.h, a[`${prefix}_carry_h`]!, tol), `${prefix} h`).toBe(true);
    expect(allclose(got.c, a[`${prefix}_carry_c`]!, tol), `${prefix} c`).toBe(true);
    return;
  }
  const y = filesOf(framework).forward(model, a.input!);
  const want = a[`${prefix}_output`]!;
  expect(y.shape, `${prefix} shape`).toEqual(want.shape);
  expect(y.dtype, `${prefix} dtype`).toBe(want.dtype);
  expect(allclose(y, want, tol), `${prefix} output`).toBe(true);
}

/**
 * Files we write with the same arrays as Python's but not the same bytes, and why. Everything
 * else must be byte-identical.
 */
const SAME_ARRAYS_ONLY: Readonly<Record<string, string>> = {
  export_linen_lstmcell: "the anchor's to_linen orders the gates ii, if, ig, io, hi, ...; Flax's init (and we) order ii, hi, if, hf, ...",
  export_linen_layernorm_no_affine: 'no params: we write {} as Flax init returns it, the anchor writes {params: {}}',
  export_linen_rmsnorm_no_scale: 'no params: we write {} as Flax init returns it, the anchor writes {params: {}}',
  export_linen_batchnorm0d_no_affine: "batch_stats only: we write no empty 'params' level, as Flax init returns it",
  import_linen_lstmcell: "the roundtrip is the anchor's to_linen: gates ordered ii, if, ig, io, hi, ... (Flax's init: ii, hi, if, ...)",
};

/** Path → dtype, shape and element bytes of every array in a Flax-style msgpack tree. */
function arraysOf(bytes: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: MsgpackValue, path: string): void => {
    if (v instanceof Tensor) out.set(path, `${v.dtype} [${v.shape.join(',')}] ${Buffer.from(v.bytes()).toString('hex')}`);
    else if (v instanceof Map) for (const [k, x] of v) walk(x, `${path}/${k}`);
  };
  walk(readFlaxMsgpack(bytes), '');
  return out;
}

function expectFile(c: AnchorCase, framework: string, model: unknown, key: string): void {
  const { bytes, format } = anchorFile(c, key);
  const ours = filesOf(framework).write(model, format).bytes;
  if (c.name in SAME_ARRAYS_ONLY) {
    expect(arraysOf(ours), `${key} file arrays`).toEqual(arraysOf(bytes));
    return;
  }
  expect(Buffer.from(ours).equals(Buffer.from(bytes)), `${key} file bytes`).toBe(true);
}

describe('anchor exports: BrainState → NNX / Linen / Equinox', () => {
  it.each(names.filter((n) => n.startsWith('export_')))('%s', (name) => {
    const c = loadAnchor(name);
    expectOutputs(c, 'brainstate', c.source, 'source');
    const converted = toForeign(c, c.source);
    expectFile(c, c.to, converted, 'converted');
    expectOutputs(c, c.to, converted, 'converted');
  });
});

describe('anchor imports: NNX / Linen / Equinox → BrainState, and back', () => {
  it.each(names.filter((n) => n.startsWith('import_')))('%s', (name) => {
    const c = loadAnchor(name);
    expectOutputs(c, c.from, c.source, 'source');
    const bst = toBrainstate(c, c.source);
    // Files first: running a BrainState cell creates its hidden states, which are then saved too.
    expectFile(c, 'brainstate', bst, 'converted');
    const back = toForeign({ ...c, to: c.from }, bst);
    expectFile(c, c.from, back, 'roundtrip');
    expectOutputs(c, 'brainstate', bst, 'converted');
    expectOutputs(c, c.from, back, 'roundtrip');
  });
});

/**
 * Refusals of the anchor that we convert instead, each exactly: the "beyond the anchor"
 * points. Every other refusal must still be an InteropError.
 */
const BEYOND: Readonly<Record<string, string>> = {
  refuse_import_linen_layernorm_no_affine: 'feature count from the threaded input size',
  refuse_import_linen_groupnorm_no_affine: 'feature count from the threaded input size',
  refuse_import_linen_rmsnorm_no_scale: 'feature count from the threaded input size',
  refuse_export_equinox_batchnorm1d: 'BatchNorm converts with its State',
  refuse_import_equinox_batchnorm: 'BatchNorm converts with its State',
  refuse_import_equinox_sequential_batchnorm: 'BatchNorm converts with its State',
  refuse_import_nnx_sequential_activation: 'activations in a Sequential convert',
  refuse_export_nnx_sequential_activation: 'activations in a Sequential convert',
  refuse_import_linen_sequential_activation: 'activations in a Sequential convert',
  refuse_import_equinox_sequential_lambda: 'activations in a Sequential convert',
  refuse_import_nnx_conv_input_dilation: 'BrainState Conv has lhs_dilation',
  refuse_import_linen_conv_input_dilation: 'BrainState Conv has lhs_dilation',
  refuse_import_nnx_conv_causal: 'CAUSAL is explicit left padding',
};

/** One unbatched channels-last example shape for a refusal case: its golden source case's. */
function exampleShape(c: AnchorCase): number[] {
  const [group, name] = (c.fixture.manifest as unknown as { source_case: string }).source_case.split('/') as [string, string];
  const input = loadFixture(group, name).arrays.input!;
  if (group !== 'layers_equinox') return input.shape.slice(1);
  // Equinox goldens are one channels-first example.
  return shapeChannelsLast(input.shape);
}

/** The anchor's error classes and the codes we raise for them. */
const CODE_OF: Readonly<Record<string, string>> = {
  UnsupportedLayerError: 'E_UNSUPPORTED_LAYER',
  UnsupportedStructureError: 'E_UNSUPPORTED_STRUCTURE',
  ConversionError: 'E_CONVERSION',
  MissingShapeError: 'E_MISSING_SHAPE',
  ValueError: 'E_CONVERSION',
};

/** Where our code differs from the anchor's class, and why. */
const OTHER_CODE: Readonly<Record<string, string>> = {
  // Our brainstate.nn.Sequential, like its constructor's contract, refuses to be empty at all.
  refuse_export_nnx_empty_sequential: 'E_INVALID_SPEC',
  // A mismatched channel count is a shape problem before it is a conversion problem.
  refuse_import_nnx_conv_channel_mismatch: 'E_SHAPE_MISMATCH',
};

describe('anchor refusals', () => {
  it.each(names.filter((n) => n.startsWith('refuse_')))('%s', (name) => {
    if (!(name in BEYOND)) {
      let error: unknown;
      try {
        const c = loadAnchor(name);
        if (c.from === 'brainstate') toForeign(c, c.source);
        else toBrainstate(c, c.source);
      } catch (e) {
        error = e;
      }
      expect(error, 'refused with an InteropError').toBeInstanceOf(InteropError);
      const pythonClass = (loadFixture('anchor', name).manifest as unknown as { error: { class: string } }).error.class;
      expect((error as InteropError).code).toBe(OTHER_CODE[name] ?? CODE_OF[pythonClass]);
      return;
    }
    const c = loadAnchor(name);
    const shape = c.manifest.sample_input ?? exampleShape(c);
    const converted = c.from === 'brainstate' ? toForeign(c, c.source) : toBrainstate(c, c.source, shape);
    const x = normal(PRNGKey(7), [2, ...shape]);
    const y0 = filesOf(c.from).forward(c.source, x);
    const y1 = filesOf(c.to).forward(converted, x);
    expect(allclose(y1, y0, { rtol: 1e-5, atol: 1e-5 })).toBe(true);
  });
});
