import type { ConvIR, ConvPadding, PaddingMode } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveConv, samePads } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { runIR } from './index.js';

interface Case {
  name: string;
  spatial: number[];
  cin: number;
  cout: number;
  k: number[];
  s?: number[];
  pad: ConvPadding;
  ld?: number[];
  rd?: number[];
  g?: number;
  mode?: PaddingMode;
}

const CASES: Case[] = [
  { name: '1-D SAME stride 2', spatial: [9], cin: 3, cout: 4, k: [3], s: [2], pad: 'SAME' },
  { name: '1-D CAUSAL dilated', spatial: [10], cin: 2, cout: 3, k: [3], rd: [2], pad: 'CAUSAL' },
  { name: '2-D SAME even kernel', spatial: [8, 7], cin: 3, cout: 5, k: [4, 2], pad: 'SAME' },
  { name: '2-D SAME_LOWER even kernel', spatial: [8, 7], cin: 3, cout: 5, k: [4, 2], pad: 'SAME_LOWER' },
  { name: '2-D VALID strided', spatial: [9, 9], cin: 2, cout: 3, k: [3, 3], s: [2, 3], pad: 'VALID' },
  {
    name: '2-D explicit pads incl. negative',
    spatial: [6, 6],
    cin: 2,
    cout: 2,
    k: [3, 3],
    pad: [
      [2, 0],
      [1, -1],
    ],
  },
  { name: '2-D rhs dilation', spatial: [9, 9], cin: 2, cout: 3, k: [3, 3], rd: [2, 3], pad: 'SAME' },
  {
    name: '2-D lhs dilation (transposed-style)',
    spatial: [4, 5],
    cin: 3,
    cout: 2,
    k: [3, 3],
    ld: [2, 3],
    pad: [
      [2, 2],
      [1, 2],
    ],
  },
  { name: '2-D groups', spatial: [5, 5], cin: 6, cout: 9, k: [3, 3], g: 3, pad: 'SAME' },
  { name: '2-D depthwise', spatial: [5, 5], cin: 4, cout: 4, k: [3, 3], g: 4, pad: 'VALID' },
  { name: '3-D SAME', spatial: [4, 5, 3], cin: 2, cout: 3, k: [2, 3, 2], s: [1, 2, 1], pad: 'SAME' },
  {
    name: '2-D circular',
    spatial: [5, 4],
    cin: 2,
    cout: 2,
    k: [3, 3],
    pad: [
      [2, 2],
      [1, 1],
    ],
    mode: 'circular',
  },
  {
    name: '2-D reflect',
    spatial: [5, 4],
    cin: 2,
    cout: 2,
    k: [3, 3],
    pad: [
      [2, 2],
      [1, 1],
    ],
    mode: 'reflect',
  },
  { name: '1-D replicate', spatial: [6], cin: 2, cout: 2, k: [5], pad: 'SAME', mode: 'replicate' },
  { name: '2-D deep channels (> 1000 per output)', spatial: [4, 4], cin: 130, cout: 3, k: [3, 3], pad: 'SAME' },
];

function build(c: Case, seed: number): ConvIR {
  const n = c.spatial.length;
  const g = c.g ?? 1;
  return {
    kind: 'conv',
    params: {
      inFeatures: c.cin,
      outFeatures: c.cout,
      kernelSize: c.k,
      strides: c.s ?? Array(n).fill(1),
      padding: c.pad,
      paddingMode: c.mode ?? 'zeros',
      inputDilation: c.ld ?? Array(n).fill(1),
      kernelDilation: c.rd ?? Array(n).fill(1),
      featureGroups: g,
    },
    tensors: { kernel: randn([...c.k, c.cin / g, c.cout], seed, 0.5), bias: randn([c.cout], seed + 1) },
    inputShape: [...c.spatial, c.cin],
  };
}

function pads(c: Case): Array<[number, number]> {
  const n = c.spatial.length;
  if (Array.isArray(c.pad)) return c.pad;
  return c.spatial
    .map((size, d) => {
      const k = c.k[d]!;
      const rd = c.rd?.[d] ?? 1;
      if (c.pad === 'VALID') return [0, 0];
      if (c.pad === 'CAUSAL') return [(k - 1) * rd, 0];
      return samePads(size, k, c.s?.[d] ?? 1, rd, c.pad === 'SAME_LOWER');
    })
    .slice(0, n) as Array<[number, number]>;
}

describe.each(NODE_BACKENDS)('conv on %s', (backend) => {
  it.each(CASES)('$name matches direct convolution', (c) => {
    const ir = build(c, 5);
    const x = randn([2, ...c.spatial, c.cin], 6);
    const n = c.spatial.length;
    const { out, outShape } = naiveConv(
      x.data,
      ir.tensors.kernel!.data as Float32Array,
      2,
      {
        spatial: c.spatial,
        cin: c.cin,
        cout: c.cout,
        ksize: c.k,
        strides: c.s ?? Array(n).fill(1),
        pads: pads(c),
        lhsDil: c.ld ?? Array(n).fill(1),
        rhsDil: c.rd ?? Array(n).fill(1),
        groups: c.g ?? 1,
        mode: c.mode ?? 'zeros',
      },
      ir.tensors.bias!.data as Float32Array,
    );
    const y = runIR(ir, x, { backend, outputDtype: backend === 'reference' ? 'float64' : 'float32' });
    expectClose(y, out, backend, [2, ...outShape, c.cout]);
  });
});

describe('conv IR checks', () => {
  it('refuses string padding with input dilation (as lax does)', () => {
    const ir = build({ name: '', spatial: [4], cin: 1, cout: 1, k: [2], ld: [2], pad: 'SAME' }, 1);
    expect(() => runIR(ir, randn([1, 4, 1], 1), { backend: 'reference' })).toThrow(expect.objectContaining({ code: 'E_INVALID_IR' }));
  });

  it('refuses groups that do not divide the channels', () => {
    const ir = build({ name: '', spatial: [4], cin: 4, cout: 4, k: [2], pad: 'VALID', g: 2 }, 1);
    ir.params.featureGroups = 3;
    expect(() => runIR(ir, randn([1, 4, 4], 1), { backend: 'reference' })).toThrow(expect.objectContaining({ code: 'E_INVALID_IR' }));
  });

  it('refuses channels-first input with E_SHAPE_MISMATCH', () => {
    const ir = build({ name: '', spatial: [4, 4], cin: 3, cout: 1, k: [2, 2], pad: 'VALID' }, 1);
    delete ir.inputShape;
    expect(() => runIR(ir, randn([1, 3, 4, 4], 1), { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
  });
});
