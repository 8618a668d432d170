import { interopProject } from '../../tooling/vitest/project.js';

// The constructors' type tests (`*.test-d.ts`) run with the behaviour tests, through tsc.
export default interopProject('@interop/linen', {
  typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
});
