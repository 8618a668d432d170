import { expect, it } from 'vitest';
import { Linear, Rngs, readPureDict, readState, readStateSafetensors } from './index.js';

const model = () => new Linear(2, 3, { rngs: new Rngs(0) });

it.each([
  ['readPureDict', () => readPureDict('model.msgpack' as never), /^nnx\.readPureDict\(bytes\) takes the bytes of a Flax \.msgpack file/],
  [
    'readState',
    () => readState(model(), 'model.msgpack' as never),
    /^nnx\.readState\(model, bytes\) takes the bytes of a Flax \.msgpack file/,
  ],
  [
    'readStateSafetensors',
    () => readStateSafetensors(model(), 'model.safetensors' as never),
    /^nnx\.readStateSafetensors\(model, bytes\) takes the bytes/,
  ],
])('%s given a path instead of bytes is E_INVALID_ARGUMENT saying to read the file first', (_, call, message) => {
  expect(call).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringMatching(message) }));
  expect(call).toThrow(/readFileSync\('model\.(msgpack|safetensors)'\)/);
});
