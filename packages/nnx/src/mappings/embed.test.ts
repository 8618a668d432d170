import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { embed } from './embed.js';

tester.run(embed, { valid: goldenCases(['embed', 'embed_bf16'], false) });
