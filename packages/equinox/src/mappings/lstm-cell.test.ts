import { key } from '@interop/runtime';
import { EqxNode } from '../adapter.js';
import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { LSTMCell } from '../modules/cells.js';
import { lstmCell } from './lstm-cell.js';

tester.run(lstmCell, {
  valid: [
    ...['lstmcell', 'lstmcell_bf16'].map(goldenCase),
    { name: 'no bias', layer: new EqxNode(new LSTMCell(3, 4, false, { key: key(2) })) },
  ],
  invalid: [
    {
      name: 'a sample input of 5 features for input_size=3',
      layer: new EqxNode(new LSTMCell(3, 4, { key: key(0) })),
      sampleInput: [5],
      error: 'E_SHAPE_MISMATCH',
    },
  ],
});
