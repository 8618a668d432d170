// One timed conversion of the Orbax benchmark, in its own process so that its peak RSS is its own.
// Prints one JSON line {seconds}: from just after the imports to the file written (fsync and
// rename included).
//   child.ts stream-eqx DIR OUT      Orbax NNX checkpoint -> .eqx, lazily: each layer's kernel
//                                    transposed per block, chunks decoded one at a time
//   child.ts stream-msgpack DIR OUT  Orbax NNX checkpoint -> Flax msgpack of the same tree, lazily
//   child.ts memory-eqx DIR OUT      the eager path: loadTree (every array in memory), transposes,
//                                    saveEqxLeaves
// BENCH_CHUNK_CACHE=N opens the checkpoint with chunkCacheBytes N (to weigh memory against speed).
import { Tensor, transpose } from '../../packages/core/src/index.js';
import type { MsgpackValue } from '../../packages/formats/src/index.js';
import { openOrbaxCheckpoint, saveEqxLeaves, saveFlaxMsgpack } from '../../packages/formats/src/index.js';

const [op, dir, out] = process.argv.slice(2) as [string, string, string];
const t0 = performance.now();

/** [kernel.T, bias] of each nnx.Linear under `layers/<i>/{kernel,bias}/value`, in layer order. */
function eqxLeaves(tree: MsgpackValue): Tensor[] {
  const layers = (tree as Map<string, MsgpackValue>).get('layers') as Map<string, MsgpackValue>;
  const leaves: Tensor[] = [];
  for (const i of [...layers.keys()].sort((x, y) => Number(x) - Number(y))) {
    const lin = layers.get(i) as Map<string, Map<string, MsgpackValue>>;
    leaves.push(transpose(lin.get('kernel')!.get('value') as Tensor, [1, 0]), lin.get('bias')!.get('value') as Tensor);
  }
  return leaves;
}

const cache = process.env['BENCH_CHUNK_CACHE'];
const ckpt = await openOrbaxCheckpoint(dir, cache === undefined ? {} : { chunkCacheBytes: Number(cache) });
try {
  if (op === 'stream-eqx') await saveEqxLeaves(out, eqxLeaves(ckpt.lazyTree()), { inputs: [dir] });
  else if (op === 'stream-msgpack') await saveFlaxMsgpack(out, ckpt.lazyTree(), { inputs: [dir] });
  else if (op === 'memory-eqx') await saveEqxLeaves(out, eqxLeaves(await ckpt.loadTree()), { inputs: [dir] });
  else throw new Error(`unknown op ${op}`);
} finally {
  await ckpt.close();
}
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
