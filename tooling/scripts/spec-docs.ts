// Writes the spec reference, docs/specs/{linen,nnx,equinox,brainstate}.md, from the plugins' spec
// tables (their `fields`) and the golden fixtures' specs: `pnpm docs:specs`. With --check it
// writes nothing and exits 1 when a committed page differs from what the tables give.
//   node --conditions=@interop/source --import tsx tooling/scripts/spec-docs.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORWARD_FUNCTIONS } from '../../packages/core/src/index.js';
import { referenceModels } from './spec-docs/models.js';
import { renderPage } from './spec-docs/render.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const check = process.argv.includes('--check');
let stale = 0;
for (const model of referenceModels(root)) {
  const path = `docs/specs/${model.framework}.md`;
  const page = renderPage(model, FORWARD_FUNCTIONS);
  let current = '';
  try {
    current = readFileSync(root + path, 'utf8');
  } catch {}
  if (current === page) continue;
  if (check) {
    console.error(`${path} is not what the spec tables give: run pnpm docs:specs`);
    stale++;
  } else {
    writeFileSync(root + path, page);
    console.log(`wrote ${path}`);
  }
}
process.exit(stale ? 1 : 0);
