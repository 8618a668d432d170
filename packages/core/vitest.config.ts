import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@interop/source'] },
  test: { name: '@interop/core', passWithNoTests: true },
});
