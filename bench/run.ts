// `pnpm bench`: every benchmark suite in bench/, each writing its section of docs/performance.md.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
for (const suite of ['runtime', 'formats', 'streaming', 'orbax']) {
  const entry = `${here}${suite}/run.ts`;
  if (!existsSync(entry)) continue;
  console.error(`bench: ${suite}`);
  const mod = (await import(entry)) as { main?: () => Promise<void> | void };
  await mod.main?.();
}
