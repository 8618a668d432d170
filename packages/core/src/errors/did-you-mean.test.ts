import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from './did-you-mean.js';

const linen = ['BatchNorm', 'Conv', 'Dense', 'Dropout', 'Embed', 'LayerNorm', 'Sequential', 'gelu', 'relu', 'sigmoid', 'tanh'];

describe('closestNames', () => {
  it('finds a name in another case, a few edits away, or holding the letters in order', () => {
    expect(closestNames('dense', linen)).toEqual(['Dense']);
    expect(closestNames('Desne', linen)).toEqual(['Dense']);
    expect(closestNames('LayerNrom', linen)).toEqual(['LayerNorm']);
    expect(closestNames('Conv2D', linen)).toEqual(['Conv']);
    expect(closestNames('brain', ['brainstate', 'nnx', 'linen', 'equinox'])).toEqual(['brainstate']);
    expect(closestNames('eqx', ['brainstate', 'nnx', 'linen', 'equinox'])).toEqual(['equinox']);
  });

  it('puts the closest first and gives at most three', () => {
    expect(closestNames('relu6', ['elu', 'gelu', 'relu'])).toEqual(['relu', 'elu']);
    expect(closestNames('ab', ['abc', 'abd', 'abe', 'abf'])).toHaveLength(3);
  });

  it('finds nothing for a name far from all of them', () => {
    expect(closestNames('torch', ['brainstate', 'nnx', 'linen', 'equinox'])).toEqual([]);
    expect(closestNames('', linen)).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('formats the names found, nothing when none', () => {
    expect(didYouMean(['Dense'])).toBe('; did you mean "Dense"');
    expect(didYouMean(['a', 'b'])).toBe('; did you mean "a" or "b"');
    expect(didYouMean([])).toBe('');
  });
});
