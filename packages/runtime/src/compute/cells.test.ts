import type { GRUCellChoIR, GRUCellIR, LSTMCellIR } from '@interop/core';
import { Tensor } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, expectClose } from './__fixtures__/backends.js';
import { naiveGru, naiveGruCho, naiveLstm } from './__fixtures__/naive.js';
import { randn } from './__fixtures__/random.js';
import { runCell, runIR } from './index.js';

const B = 3;
const I = 5;
const H = 4;
const d = (t: Tensor | undefined) => t!.data as Float32Array;

describe.each(NODE_BACKENDS)('cells on %s', (backend) => {
  const out = backend === 'reference' ? 'float64' : 'float32';

  it('LSTM step (i, f, g, o) returns { h, c }', () => {
    const ir: LSTMCellIR = {
      kind: 'lstm-cell',
      params: { inputSize: I, hiddenSize: H },
      tensors: { inputKernel: randn([I, 4 * H], 1), hiddenKernel: randn([H, 4 * H], 2), bias: randn([4 * H], 3) },
    };
    const [x, h, c] = [randn([B, I], 4), randn([B, H], 5), randn([B, H], 6)];
    const next = runCell(ir, x, { h, c }, { backend, outputDtype: out });
    const ref = naiveLstm(x.data, h.data, c.data, d(ir.tensors.inputKernel), d(ir.tensors.hiddenKernel), d(ir.tensors.bias), B, I, H);
    expectClose(next.h, ref.h, backend, [B, H]);
    expectClose(next.c!, ref.c, backend, [B, H]);
  });

  it('GRU step, cuDNN style with hiddenBiasN', () => {
    const ir: GRUCellIR = {
      kind: 'gru-cell',
      params: { inputSize: I, hiddenSize: H },
      tensors: {
        inputKernel: randn([I, 3 * H], 7),
        hiddenKernel: randn([H, 3 * H], 8),
        bias: randn([3 * H], 9),
        hiddenBiasN: randn([H], 10),
      },
    };
    const [x, h] = [randn([B, I], 11), randn([B, H], 12)];
    const next = runCell(ir, x, { h }, { backend, outputDtype: out });
    expect(next.c).toBeUndefined();
    expectClose(
      next.h,
      naiveGru(
        x.data,
        h.data,
        d(ir.tensors.inputKernel),
        d(ir.tensors.hiddenKernel),
        d(ir.tensors.bias),
        d(ir.tensors.hiddenBiasN),
        B,
        I,
        H,
      ),
      backend,
    );
  });

  it('GRU step, Cho-2014 (BrainState)', () => {
    const ir: GRUCellChoIR = {
      kind: 'gru-cell-cho',
      params: { inputSize: I, hiddenSize: H },
      tensors: {
        gateKernel: randn([I + H, 2 * H], 13),
        gateBias: randn([2 * H], 14),
        candidateKernel: randn([I + H, H], 15),
        candidateBias: randn([H], 16),
      },
    };
    const [x, h] = [randn([B, I], 17), randn([B, H], 18)];
    const ref = naiveGruCho(
      x.data,
      h.data,
      d(ir.tensors.gateKernel),
      d(ir.tensors.gateBias),
      d(ir.tensors.candidateKernel),
      d(ir.tensors.candidateBias),
      B,
      I,
      H,
    );
    expectClose(runCell(ir, x, { h }, { backend, outputDtype: out }).h, ref, backend);
    const zero = new Tensor('float32', [B, H], new Float32Array(B * H));
    const fromZero = naiveGruCho(
      x.data,
      zero.data,
      d(ir.tensors.gateKernel),
      d(ir.tensors.gateBias),
      d(ir.tensors.candidateKernel),
      d(ir.tensors.candidateBias),
      B,
      I,
      H,
    );
    expectClose(runIR(ir, x, { backend, outputDtype: out }), fromZero, backend);
  });
});

describe('cell checks', () => {
  const ir: LSTMCellIR = {
    kind: 'lstm-cell',
    params: { inputSize: I, hiddenSize: H },
    tensors: { inputKernel: randn([I, 4 * H], 1), hiddenKernel: randn([H, 4 * H], 2) },
  };
  it('an LSTM carry needs c', () => {
    expect(() => runCell(ir, randn([B, I], 1), { h: randn([B, H], 1) }, { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });
  it('carry shapes are checked', () => {
    expect(() => runCell(ir, randn([B, I], 1), { h: randn([B, H + 1], 1), c: randn([B, H], 1) }, { backend: 'reference' })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE_MISMATCH' }),
    );
  });
});
