// Checks the conventions that keep the monorepo coherent, and says how to fix each breach:
// every package has the same shape, and dependencies point one way (core <- libraries <- plugins
// <- all). A library holds what a family of plugins shares (flax: Linen and NNX), so those plugins
// need not depend on each other; plugins never do.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const plugins = ['brainstate', 'nnx', 'linen', 'equinox'];
// Shared libraries, each with the plugins that may use it.
const libraries = { flax: ['linen', 'nnx'] };
const base = ['core', 'runtime', 'formats'];
const allowed = {
  core: [],
  runtime: ['core'],
  formats: ['core'],
  testing: base,
  ...Object.fromEntries(Object.keys(libraries).map((l) => [l, base])),
  ...Object.fromEntries(plugins.map((p) => [p, [...base, ...Object.keys(libraries).filter((l) => libraries[l].includes(p))]])),
  all: [...base, ...Object.keys(libraries), ...plugins],
};
const problems = [];
for (const dir of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  const at = `packages/${dir}/package.json`;
  const dot = pkg.exports?.['.'];
  if (pkg.name !== `@interop/${dir}`) problems.push(`${at}: name must be "@interop/${dir}"`);
  if (pkg.type !== 'module') problems.push(`${at}: set "type": "module" (ESM only)`);
  if (pkg.sideEffects !== false) problems.push(`${at}: set "sideEffects": false (nothing registers on import)`);
  if (!dot || Object.keys(dot)[0] !== '@interop/source' || Object.keys(dot)[1] !== 'types') {
    problems.push(`${at}: exports["."] must list "@interop/source", then "types", then "default"`);
  }
  if (dir === 'core' && Object.keys(pkg.dependencies ?? {}).length > 0) {
    problems.push(`${at}: @interop/core must have no runtime dependencies; move code to runtime or formats`);
  }
  const internal = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })
    .filter((d) => d.startsWith('@interop/'))
    .map((d) => d.slice('@interop/'.length));
  for (const dep of internal) {
    if (!(allowed[dir] ?? []).includes(dep)) {
      const why =
        plugins.includes(dir) && plugins.includes(dep)
          ? '; plugins never depend on each other: put what they share in a library such as packages/flax'
          : '';
      problems.push(
        `${at}: @interop/${dir} may not depend on @interop/${dep} (allowed: ${(allowed[dir] ?? []).join(', ') || 'none'})${why}`,
      );
    }
  }
}
// Examples stand for code outside this repository: they may import packages only by name, or by
// a subpath the package exports (`@interop/all/cli`), never a file inside it.
const exported = (spec) => {
  const [, name, sub] = /^@interop\/([a-z-]+)\/(.+)$/.exec(spec) ?? [];
  const file = join(root, 'packages', name ?? '', 'package.json');
  return (
    sub !== undefined &&
    existsSync(file) &&
    sub !== 'package.json' &&
    JSON.parse(readFileSync(file, 'utf8')).exports?.[`./${sub}`] !== undefined
  );
};
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' || e.name === 'dist'
      ? []
      : e.isDirectory()
        ? walk(join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [join(dir, e.name)]
          : [],
  );
const examples = join(root, 'examples');
for (const file of existsSync(examples) ? walk(examples) : []) {
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(@interop\/[^']+)'/g)) {
    if (/^@interop\/[a-z-]+\//.test(spec) && !exported(spec)) {
      problems.push(
        `${file.slice(root.length)}: imports ${spec}; examples use only a package's public entry points (@interop/<name> or a subpath in its exports)`,
      );
    }
  }
}
if (problems.length > 0) {
  console.error(`check-repo: ${problems.length} problem(s)\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('check-repo: package shapes and dependency directions are consistent');
