import { Tensor, concat, split } from '@interop/core';
import type { GRUCellIR, LSTMCellIR } from '@interop/core';

/** Flax's LSTM gates, in the order the `lstm-cell` IR concatenates them: input, forget, cell, output. */
export const LSTM_GATES = ['i', 'f', 'g', 'o'] as const;

/** Flax's GRU gates, in the order the `gru-cell` IR concatenates them: reset, update, candidate. */
export const GRU_GATES = ['r', 'z', 'n'] as const;

/** One gate's blocks: its input-side kernel `[in, h]`, hidden-side kernel `[h, h]` and bias `[h]`. */
export interface GateBlocks {
  /** The input-side kernel. */
  input: Tensor;
  /** The hidden-side kernel. */
  hidden: Tensor;
  /** The gate's bias (an LSTM's hidden-side bias; a GRU's input-side one). */
  bias: Tensor;
}

/**
 * The `lstm-cell` IR of Flax's eight gate Denses, given per gate in {@link LSTM_GATES} order.
 *
 * @example
 * ```ts
 * lstmCellIR(LSTM_GATES.map((g) => ({ input: ii.kernel, hidden: hi.kernel, bias: hi.bias })));
 * ```
 */
export function lstmCellIR(gates: readonly GateBlocks[]): LSTMCellIR {
  return {
    kind: 'lstm-cell',
    params: { inputSize: gates[0]!.input.shape[0]!, hiddenSize: gates[0]!.hidden.shape[0]! },
    tensors: {
      inputKernel: concat(
        gates.map((g) => g.input),
        1,
      ),
      hiddenKernel: concat(
        gates.map((g) => g.hidden),
        1,
      ),
      bias: concat(
        gates.map((g) => g.bias),
        0,
      ),
    },
  };
}

/**
 * An `lstm-cell` IR split back per gate, in {@link LSTM_GATES} order.
 *
 * @example
 * ```ts
 * lstmGates(ir)[1]!.hidden; // the forget gate's hidden kernel
 * ```
 */
export function lstmGates(ir: LSTMCellIR): GateBlocks[] {
  const h = ir.params.hiddenSize;
  return splitGates(ir.tensors.inputKernel!, ir.tensors.hiddenKernel!, ir.tensors.bias!, [h, h, h, h]);
}

/**
 * A `gru-cell` IR split back per gate, in {@link GRU_GATES} order (the bias is the input side's;
 * exact zeros where the IR has none); `hiddenBiasN` stays whole.
 *
 * @example
 * ```ts
 * gruGates(ir)[2]!.input; // the candidate's input kernel
 * ```
 */
export function gruGates(ir: GRUCellIR): GateBlocks[] {
  const h = ir.params.hiddenSize;
  return splitGates(ir.tensors.inputKernel!, ir.tensors.hiddenKernel!, ir.tensors.bias, [h, h, h]);
}

function splitGates(input: Tensor, hidden: Tensor, bias: Tensor | undefined, sizes: number[]): GateBlocks[] {
  const inputs = split(input, 1, sizes);
  const hiddens = split(hidden, 1, sizes);
  const biases = bias ? split(bias, 0, sizes) : sizes.map((n) => Tensor.zeros([n], 'float32'));
  return sizes.map((_, k) => ({ input: inputs[k]!, hidden: hiddens[k]!, bias: biases[k]! }));
}
