import { goldenCase, tester } from '../__fixtures__/mapping.js';
import { embedding } from './embedding.js';

tester.run(embedding, { valid: [goldenCase('embedding')] });
