// One timed conversion of the streaming benchmark, in its own process so that its peak RSS is its
// own. Prints one JSON line {seconds, maxRssKb}: seconds from just after the imports to the file
// written (fsync and rename included).
//   child.ts stream-eqx IN OUT        Linen msgpack -> .eqx, lazily: transposed kernels streamed
//   child.ts engine-eqx IN OUT        the same through the registry: Linen variables of lazy tensors,
//                                     interop.convert to an Equinox Sequential (mappings unchanged,
//                                     transposes recorded), its leaves saved by saveEqxLeaves
//   child.ts memory-eqx IN OUT        the same through the in-memory path the CLI used so far:
//                                     readFile, readFlaxMsgpack, element-by-element transpose,
//                                     writeEqxLeaves, writeBytesAtomic
//   child.ts stream-msgpack IN OUT    Linen msgpack -> NNX-style msgpack (layers/<i>/...), lazily
//   child.ts stream-safetensors IN OUT  Linen msgpack -> safetensors (Dense_<i>.kernel ...), lazily
//   child.ts safetensors-eqx IN OUT   safetensors -> .eqx, lazily, transposed kernels
//   child.ts random OUT LAYERS WIDTH  a Linen msgpack of pseudo-random float32 Dense layers, written
//                                     without Python (for machines without the conformance venv)
//   child.ts sparse OUT LAYERS WIDTH EMBED_ROWS  a sparse Linen msgpack (zeros, no disk space):
//                                     an embedding EMBED_ROWS x 1024 (chunked past 1 GiB) and Dense layers
import { readFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { Tensor, transpose } from '../../packages/core/src/index.js';
import type { MsgpackValue } from '../../packages/formats/src/index.js';
import {
  openFlaxMsgpack,
  openSafetensors,
  readFlaxMsgpack,
  saveEqxLeaves,
  saveFlaxMsgpack,
  saveSafetensors,
  writeBytesAtomic,
  writeEqxLeaves,
} from '../../packages/formats/src/index.js';
import { encodeFlaxParts } from '../../packages/formats/src/msgpack/encode-tree.js';
import { seedTranspose } from './seed-transpose.js';

const [op, a, b, c, d] = process.argv.slice(2) as [string, string, string, string?, string?];
const t0 = performance.now();
// BENCH_FSYNC=0 skips the flush to disk before the rename (to compare with a plain `dd`).
const fsync = process.env['BENCH_FSYNC'] !== '0';

function denseNames(tree: MsgpackValue): string[] {
  const params = (tree as Map<string, MsgpackValue>).get('params') as Map<string, MsgpackValue>;
  return [...params.keys()].filter((k) => k.startsWith('Dense_')).sort((x, y) => Number(x.slice(6)) - Number(y.slice(6)));
}

if (op === 'stream-eqx') {
  const file = await openFlaxMsgpack(a);
  const leaves: Tensor[] = [];
  const params = (file.tree as Map<string, MsgpackValue>).get('params') as Map<string, MsgpackValue>;
  if (params.has('embed')) leaves.push(file.tensor('params/embed/embedding'));
  for (const name of denseNames(file.tree)) {
    leaves.push(transpose(file.tensor(`params/${name}/kernel`), [1, 0]), file.tensor(`params/${name}/bias`));
  }
  await saveEqxLeaves(b, leaves, { inputs: [a], fsync });
  await file.close();
} else if (op === 'engine-eqx') {
  // Imported here only: loading every plugin is this route's own start-up cost.
  const { interop } = await import('../../packages/all/src/index.js');
  const { treeLeaves } = await import('../../packages/equinox/src/index.js');
  const file = await openFlaxMsgpack(a);
  const names = denseNames(file.tree);
  const params = Object.fromEntries(
    names.map((name, i) => [`layers_${i}`, { kernel: file.tensor(`params/${name}/kernel`), bias: file.tensor(`params/${name}/bias`) }]),
  );
  const width = file.tensor(`params/${names[0]}/bias`).shape[0]!;
  const [module] = interop
    .files('linen')
    .fromSpec({ type: 'Sequential', layers: names.map(() => ({ type: 'Dense', features: width })) }) as [unknown];
  const model = interop.convert([module, { params }], { to: 'equinox', from: 'linen' });
  await saveEqxLeaves(
    b,
    treeLeaves(model).map((l) => l.leaf as Tensor),
    { inputs: [a], fsync },
  );
  await file.close();
} else if (op === 'memory-eqx') {
  const tree = readFlaxMsgpack(await readFile(a));
  const params = (tree as Map<string, MsgpackValue>).get('params') as Map<string, Map<string, Tensor>>;
  const leaves = denseNames(tree).flatMap((name) => [
    seedTranspose(params.get(name)!.get('kernel')!, [1, 0]),
    params.get(name)!.get('bias')!,
  ]);
  await writeBytesAtomic(b, writeEqxLeaves(leaves), { inputs: [a], fsync });
} else if (op === 'stream-msgpack') {
  const file = await openFlaxMsgpack(a);
  const layers = new Map(
    denseNames(file.tree).map((name, i) => [
      String(i),
      new Map([
        ['kernel', file.tensor(`params/${name}/kernel`)],
        ['bias', file.tensor(`params/${name}/bias`)],
      ]),
    ]),
  );
  await saveFlaxMsgpack(b, new Map([['layers', layers]]), { inputs: [a], fsync });
  await file.close();
} else if (op === 'stream-safetensors') {
  const file = await openFlaxMsgpack(a);
  const tensors = new Map(
    denseNames(file.tree).flatMap(
      (name) =>
        [
          [`${name}.kernel`, file.tensor(`params/${name}/kernel`)],
          [`${name}.bias`, file.tensor(`params/${name}/bias`)],
        ] as Array<[string, Tensor]>,
    ),
  );
  await saveSafetensors(b, tensors, null, { inputs: [a], fsync });
  await file.close();
} else if (op === 'safetensors-eqx') {
  const file = await openSafetensors(a);
  const names = [...file.tensors.keys()].filter((k) => k.endsWith('.kernel')).map((k) => k.slice(0, -7));
  names.sort((x, y) => Number(x.slice(6)) - Number(y.slice(6)));
  const leaves = names.flatMap((n) => [transpose(file.tensors.get(`${n}.kernel`)!, [1, 0]), file.tensors.get(`${n}.bias`)!]);
  await saveEqxLeaves(b, leaves, { inputs: [a], fsync });
  await file.close();
} else if (op === 'random') {
  const [layers, width] = [Number(b), Number(c)];
  const noise = (shape: number[], seed: number): Tensor =>
    Tensor.fromSource('float32', shape, {
      byteLength: shape.reduce((x, y) => x * y, 4),
      read(offset, target) {
        const words = new Uint32Array(target.buffer, target.byteOffset, target.length >> 2);
        let s = (seed * 2654435761 + offset) >>> 0;
        for (let i = 0; i < words.length; i++) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          words[i] = 0x3c000000 | (s >>> 9); // small positive floats
        }
      },
    });
  const params = new Map<string, unknown>();
  for (let i = 0; i < layers; i++)
    params.set(
      `Dense_${i}`,
      new Map([
        ['kernel', noise([width, width], 2 * i)],
        ['bias', noise([width], 2 * i + 1)],
      ]),
    );
  await saveFlaxMsgpack(a, new Map([['params', params]]) as Parameters<typeof saveFlaxMsgpack>[1], { fsync });
} else if (op === 'sparse') {
  const [layers, width, rows] = [Number(b), Number(c), Number(d)];
  const zeros = (shape: number[]): Tensor =>
    Tensor.fromSource('float32', shape, {
      byteLength: shape.reduce((x, y) => x * y, 4),
      read: (_, target) => target.fill(0),
    });
  const params = new Map<string, unknown>([['embed', new Map([['embedding', zeros([rows, 1024])]])]]);
  for (let i = 0; i < layers; i++)
    params.set(
      `Dense_${i}`,
      new Map([
        ['kernel', zeros([width, width])],
        ['bias', zeros([width])],
      ]),
    );
  const parts = encodeFlaxParts(new Map([['params', params]]) as Parameters<typeof encodeFlaxParts>[0]);
  const handle = await open(a, 'w');
  let at = 0;
  for (const p of parts) {
    if (p instanceof Uint8Array) await handle.write(p, 0, p.length, at);
    at += p instanceof Uint8Array ? p.length : p.byteLength;
  }
  await handle.truncate(at);
  await handle.close();
} else {
  throw new Error(`unknown op ${op}`);
}
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssKb: process.resourceUsage().maxRSS }));
