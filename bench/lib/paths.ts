// Where the benchmarks find the repository, their data folder, the conformance venv's Python and
// the `interop` CLI run from its TypeScript sources.
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing slash. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
/** bench/.data: generated checkpoints, bundles and outputs (not committed). */
export const data = `${root}bench/.data`;
/** The conformance venv's Python, which has the real frameworks. */
export const python = `${root}tooling/conformance/.venv/bin/python`;
/** bench/formats/py_ops.py, whose `measure` runs a command and reports its wall time and peak RSS. */
export const measurePy = `${root}bench/formats/py_ops.py`;
/** The `interop` CLI through tsx, for when bundling it fails. */
export const sourceCli = ['node', '--conditions=@interop/source', '--import', 'tsx', `${root}packages/all/src/cli/bin.ts`];
