import { InteropError, Tensor, createRegistry } from '@interop/core';
import { describe, expect, it } from 'vitest';
import { Dense } from './modules/dense.js';
import { linen, readVariables, readVariablesSafetensors } from './index.js';

function caught(f: () => unknown): InteropError {
  try {
    f();
  } catch (e) {
    if (e instanceof InteropError) return e;
    throw e;
  }
  throw new Error('expected a throw');
}

describe('wrong-typed arguments are E_INVALID_ARGUMENT naming the call, never a raw TypeError', () => {
  it('readVariables given a path says to read the file first', () => {
    const error = caught(() => readVariables('model.msgpack' as never));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(
      /^linen\.readVariables\(bytes\) takes the bytes of a Flax \.msgpack file, not the string 'model\.msgpack'/,
    );
    expect(error.message).toContain("linen.readVariables(readFileSync('model.msgpack'))");
  });

  it('readVariablesSafetensors given a path too', () => {
    expect(caught(() => readVariablesSafetensors('model.safetensors' as never)).message).toMatch(
      /^linen\.readVariablesSafetensors\(bytes\) takes the bytes/,
    );
  });

  const registry = () => createRegistry().use(linen);
  const dense = new Dense(2);
  it.each([
    ['bytes', new Uint8Array(4), /a Uint8Array/],
    ['a path', 'model.msgpack', /the string 'model\.msgpack'/],
    ['undefined', undefined, /found undefined/],
    [
      'a params dict without its collection',
      { kernel: Tensor.zeros([2, 2], 'float32') },
      /entry 'kernel' is a Tensor, not a collection such as 'params'/,
    ],
  ])('[module, variables] with %s as variables says the variables are wrong', (_, variables, found) => {
    const error = caught(() => registry().toIR([dense, variables], 'linen'));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^The second entry of \[module, variables\] is not a Linen variables dict/);
    expect(error.message).toMatch(found);
    expect(error.message).toContain('linen.readVariables(bytes)');
    expect(error.message).not.toMatch(/bug in the plugin|E_UNMAPPED_LAYER|'Array'/);
  });

  it('[variables, module] (swapped) says a Linen Module comes first', () => {
    const error = caught(() => registry().toIR([{ params: {} }, dense], 'linen'));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^A Linen model is a module or \[module, variables\], with a Linen Module first/);
  });
});
