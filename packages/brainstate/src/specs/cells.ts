import { Tensor } from '@interop/core';
import type { StateTree } from '../graph.js';
import type { RNNCell } from '../modules/cell.js';
import { GRUCell } from '../modules/gru-cell.js';
import { LSTMCell } from '../modules/lstm-cell.js';
import { MGUCell, URLSTMCell, ValinaRNNCell } from '../modules/other-cells.js';
import { arr, dict, keywordCall, needed, optional } from './entry.js';
import type { InferContext, ModuleClass, ModuleSpec, SpecEntry, SpecFields } from './entry.js';

/** Whether a state value is a dict holding `key` (a Linear's weight dict with a bias). */
export function hasKey(value: unknown, key: string): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Tensor) && key in value;
}

/** The 2-d array at `<name>.weight.weight` (a cell's fused Linear), if any. */
const fused = (states: StateTree, name: string) => arr(dict(dict(states[name])?.weight)?.weight);

/** `W` of an LSTMCell, ValinaRNNCell or URLSTMCell: `(in + h, k·h)`. */
const cellW = (states: StateTree) => fused(states, 'W');

/** An LSTM's `W` has 4h columns; with hidden states, `c` tells it apart from ValinaRNNCell. */
function isLstm(states: StateTree): boolean {
  const [rows, cols] = cellW(states)!.shape as [number, number];
  return 'c' in states || (!arr(states.h) && cols % 4 === 0 && rows > cols / 4);
}

const bInitOf = (states: StateTree) => (arr(dict(dict(states.W)?.weight)?.bias) ? 'ZeroInit' : null);

function inferLstm(states: StateTree, ctx: InferContext): LSTMCell | undefined {
  const W = cellW(states);
  if (!W || arr(states.bias) || !isLstm(states)) return undefined;
  const [rows, cols] = W.shape as [number, number];
  if (!arr(states.h)) ctx.assume('LSTMCell (W has 4h columns; without hidden states ValinaRNNCell cannot be ruled out)');
  return new LSTMCell(rows - cols / 4, cols / 4, { bInit: bInitOf(states) });
}

function inferValina(states: StateTree, ctx: InferContext): ValinaRNNCell | undefined {
  const W = cellW(states);
  if (!W || arr(states.bias) || isLstm(states)) return undefined;
  const [rows, cols] = W.shape as [number, number];
  ctx.assume(`ValinaRNNCell with activation 'relu' (its default; not stored)`);
  return new ValinaRNNCell(rows - cols, cols, { bInit: bInitOf(states) });
}

function inferUrlstm(states: StateTree): URLSTMCell | undefined {
  const W = cellW(states);
  if (!W || !arr(states.bias)) return undefined;
  const [rows, cols] = W.shape as [number, number];
  return new URLSTMCell(rows - cols / 4, cols / 4);
}

function inferGru(states: StateTree): GRUCell | undefined {
  const Wrz = fused(states, 'Wrz');
  return Wrz && states.Wh ? new GRUCell(Wrz.shape[0]! - Wrz.shape[1]! / 2, Wrz.shape[1]! / 2) : undefined;
}

function inferMgu(states: StateTree): MGUCell | undefined {
  const Wf = fused(states, 'Wf');
  return Wf && states.Wh ? new MGUCell(Wf.shape[0]! - Wf.shape[1]!, Wf.shape[1]!) : undefined;
}

/** A cell's spec: sizes, the activation where not the class's default, LSTMCell's `b_init=None`. */
function writeCell(defaultActivation: string) {
  return (m: RNNCell): ModuleSpec => {
    const spec: ModuleSpec = { type: m.type, num_in: m.numIn, num_out: m.numOut };
    if (m.activation !== defaultActivation) spec.activation = m.activation;
    if (m instanceof LSTMCell && !hasKey(m.W.weight.value, 'bias')) spec.b_init = null;
    return spec;
  };
}

function cell<M extends RNNCell>(
  mapping: SpecEntry['mapping'],
  cls: ModuleClass<M>,
  infer: SpecEntry<M>['infer'],
  defaultActivation = 'tanh',
): SpecEntry<M> {
  const fields: SpecFields = {
    num_in: needed('int', 4),
    num_out: needed('int', 8),
    activation: optional('string', defaultActivation),
    ...(cls === (LSTMCell as unknown) ? { b_init: optional("'ZeroInit' | null", 'ZeroInit') } : {}),
  };
  return { mapping, layerType: cls, read: keywordCall(cls), write: writeCell(defaultActivation), infer, fields };
}

/** The recurrent cells; the three no other framework has are read and refused (`refusals`). */
export const cells = {
  GRUCell: cell('GRUCell', GRUCell, inferGru),
  LSTMCell: cell('LSTMCell', LSTMCell, inferLstm),
  MGUCell: cell(null, MGUCell, inferMgu),
  URLSTMCell: cell(null, URLSTMCell, inferUrlstm),
  ValinaRNNCell: cell(null, ValinaRNNCell, inferValina, 'relu'),
};
