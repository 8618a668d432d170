import { expect, it } from 'vitest';
import { Linear, msgpackLoad, safetensorsLoad } from './index.js';

it.each([
  [
    'msgpackLoad',
    () => msgpackLoad(new Linear(3, 6), 'model.msgpack' as never),
    /^brainstate\.msgpackLoad\(model, bytes\) takes the bytes of a \.msgpack file, not the string 'model\.msgpack'/,
  ],
  [
    'safetensorsLoad',
    () => safetensorsLoad(new Linear(3, 6), 'model.safetensors' as never),
    /^brainstate\.safetensorsLoad\(model, bytes\) takes the bytes/,
  ],
])('%s given a path instead of bytes is E_INVALID_ARGUMENT saying to read the file first', (_, call, message) => {
  expect(call).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringMatching(message) }));
  expect(call).toThrow(/readFileSync\('model\.(msgpack|safetensors)'\)/);
});
