// One timed TypeScript operation of the formats benchmark, run in its own process so that its
// peak RSS is its own. Prints one JSON line.
//   child.ts read FILE      open lazily, then load every array into memory
//   child.ts scan FILE      open lazily and list the tree (no array data read)
//   child.ts write FILE OUT load every array, then time writing them to OUT
//   child.ts copy FILE OUT  stream the lazily opened tree to OUT (arrays never fully in memory)
import { openFlaxMsgpack, saveFlaxMsgpack } from '../../packages/formats/src/index.js';

const [op, file, out] = process.argv.slice(2) as [string, string, string | undefined];
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const t0 = performance.now();
const f = await openFlaxMsgpack(file);
let seconds: number;
let progressEvents = 0;
if (op === 'scan') {
  f.list();
  seconds = (performance.now() - t0) / 1000;
} else if (op === 'read') {
  await f.loadTree(() => {
    progressEvents++;
  });
  seconds = (performance.now() - t0) / 1000;
} else if (op === 'write') {
  const tree = await f.loadTree();
  const t1 = performance.now();
  await saveFlaxMsgpack(out!, tree, {
    onProgress: () => {
      progressEvents++;
    },
  });
  seconds = (performance.now() - t1) / 1000;
} else {
  await saveFlaxMsgpack(out!, f.tree, {
    source: f,
    onProgress: () => {
      progressEvents++;
    },
  });
  seconds = (performance.now() - t0) / 1000;
}
await f.close();
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ seconds, peakRssSampled: peak, maxRssKb: process.resourceUsage().maxRSS, progressEvents }));
