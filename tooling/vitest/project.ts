import type { UserWorkspaceConfig } from 'vitest/config';
import { defineProject } from 'vitest/config';

/**
 * The one vitest project config every package uses: tests run on sources through the
 * `@interop/source` export condition, so `pnpm test` needs no build.
 *
 * @example
 * ```ts
 * export default interopProject('@interop/core');
 * ```
 */
export function interopProject(name: string, test: UserWorkspaceConfig['test'] = {}): UserWorkspaceConfig {
  return defineProject({
    resolve: { conditions: ['@interop/source'] },
    // Note: tests run in Vite's SSR environment, which ignores `resolve.conditions`; without this
    // a workspace import such as `@interop/core` would load a possibly stale (or missing) `dist/`.
    ssr: { resolve: { conditions: ['@interop/source'], externalConditions: ['@interop/source'] } },
    // Golden-fixture tests do real numeric work; 5 s (vitest's default) is too tight when turbo runs
    // every package's suite at once on a small CI machine.
    test: { name, passWithNoTests: true, testTimeout: 30_000, ...test },
  });
}
