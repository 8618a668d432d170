import { expect, it } from 'vitest';
import { Dropout } from './modules/dropout.js';
import { treeDeserialiseLeaves } from './tree.js';

it('treeDeserialiseLeaves given a path instead of bytes is E_INVALID_ARGUMENT saying to read the file first', () => {
  const call = () => treeDeserialiseLeaves('model.eqx' as never, new Dropout());
  expect(call).toThrow(
    expect.objectContaining({
      code: 'E_INVALID_ARGUMENT',
      message: expect.stringMatching(/^equinox\.treeDeserialiseLeaves\(bytes, like\) takes the bytes of an \.eqx file/),
    }),
  );
  expect(call).toThrow("equinox.treeDeserialiseLeaves(readFileSync('model.eqx'), like)");
});
