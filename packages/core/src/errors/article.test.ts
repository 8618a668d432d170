import { expect, it } from 'vitest';
import { withArticle } from './article.js';

it('reads the article as the name is spoken', () => {
  expect(['NNX', 'Linen', 'Equinox', 'BrainState', 'HDF5', 'ToyA', 'nnx'].map(withArticle)).toEqual([
    'an NNX',
    'a Linen',
    'an Equinox',
    'a BrainState',
    'an HDF5',
    'a ToyA',
    'a nnx',
  ]);
});
