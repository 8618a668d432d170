import { defineProject } from 'vitest/config';

// Note: tests run in Vite's SSR environment, which does not read `resolve.conditions`; without
// the `ssr` entry a workspace import such as `@interop/core` resolves to its (possibly stale)
// `dist/` instead of its sources.
export default defineProject({
  resolve: { conditions: ['@interop/source'] },
  ssr: { resolve: { conditions: ['@interop/source'], externalConditions: ['@interop/source'] } },
  test: { name: '@interop/testing', passWithNoTests: true },
});
