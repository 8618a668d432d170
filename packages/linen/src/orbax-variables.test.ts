// A flax TrainState saved with Orbax (golden `orbax/linen-train-state`: optax.adam, batch_stats,
// one jitted step, written by orbax-checkpoint 0.12.8): its params and batch_stats are read as the
// variables, step and opt_state are named as not converted, and the model computes what Flax did.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Tensor } from '@interop/core';
import type { TensorTree } from '@interop/core';
import { orbaxCodec } from '@interop/formats';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { linenFiles } from './files-part.js';
import { variablesOfOrbax } from './orbax-variables.js';
import type { Variables } from './variables.js';

const root = mkdtempSync(join(tmpdir(), 'linen-train-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixture = loadFixture('orbax', 'linen-train-state');
const forward = fixture.manifest.forward as { input: number[][]; output: number[][] };
const matrix = (rows: number[][]) => Tensor.fromArray(rows.flat(), [rows.length, rows[0]!.length], 'float32');
const hex = (t: Tensor) => Buffer.from(t.bytes()).toString('hex');
const LEFT_OUT = 'read params and batch_stats of a TrainState; step and opt_state (optimizer state) not converted';

async function trainState(): Promise<{ tree: ReadonlyMap<string, TensorTree>; close: () => Promise<void> }> {
  const dir = join(root, `ckpt-${Math.random().toString(36).slice(2)}`);
  for (const rel of Object.keys(fixture.manifest.files as Record<string, string>)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), fixture.file(rel));
  }
  const opened = await orbaxCodec.open(dir);
  return { tree: opened.tree as ReadonlyMap<string, TensorTree>, close: () => opened.close() };
}

function leaves(tree: object, prefix: string, out: Map<string, Tensor>): Map<string, Tensor> {
  for (const [k, v] of Object.entries(tree)) {
    if (v instanceof Tensor) out.set(`${prefix}/${k}`, v);
    else leaves(v as object, `${prefix}/${k}`, out);
  }
  return out;
}

describe('Linen files: a flax TrainState saved with Orbax', () => {
  it('reads params and batch_stats bit-exactly as Orbax restores them, names step and opt_state, computes what Flax did', async () => {
    const { tree, close } = await trainState();
    try {
      const loaded = linenFiles.readTree!(tree, 'orbax', undefined);
      expect(loaded.assumed[0]).toBe(LEFT_OUT);
      const [, variables] = loaded.model as [unknown, Variables];
      expect(Object.keys(variables)).toEqual(['params', 'batch_stats']);
      const got = new Map([...leaves(variables.params!, 'params', new Map()), ...leaves(variables.batch_stats!, 'batch_stats', new Map())]);
      const want = Object.entries(fixture.arrays).filter(([p]) => p.startsWith('params/') || p.startsWith('batch_stats/'));
      expect([...got.keys()].sort()).toEqual(want.map(([p]) => p).sort());
      for (const [path, t] of want) expect(hex(got.get(path)!), path).toBe(hex(t));
      expect(loaded.spec).toMatchObject({ type: 'Sequential' });
      const y = linenFiles.forward(loaded.model, matrix(forward.input));
      expect(allclose(y, matrix(forward.output), { rtol: 1e-5, atol: 1e-5 })).toBe(true);
      const withSpec = linenFiles.readTree!(tree, 'orbax', loaded.spec);
      expect(withSpec.assumed).toEqual([LEFT_OUT]);
      expect([...(linenFiles.writeTree!(withSpec.model, 'orbax').tree as Map<string, unknown>).keys()]).toEqual(['params', 'batch_stats']);
    } finally {
      await close();
    }
  });

  it('step as a Python int (an unjitted TrainState) and extra fields read the same, each named', async () => {
    const { tree, close } = await trainState();
    try {
      const entries = [...tree].map(([k, v]) => [k, k === 'step' ? 7n : v] as const);
      const { variables, assumed } = variablesOfOrbax(new Map([...entries, ['dropout_rng', 3n]]));
      expect(Object.keys(variables)).toEqual(['params', 'batch_stats']);
      expect(assumed).toEqual([
        'read params and batch_stats of a TrainState; step, opt_state (optimizer state) and dropout_rng not converted',
      ]);
      const bare = variablesOfOrbax(new Map([...entries].filter(([k]) => k !== 'batch_stats')));
      expect(bare.assumed).toEqual(['read params of a TrainState; step and opt_state (optimizer state) not converted']);
    } finally {
      await close();
    }
  });

  it('refuses a tree with non-array entries and no top-level params, naming the keys found', async () => {
    const { tree, close } = await trainState();
    try {
      const noParams = new Map([...tree].filter(([k]) => k !== 'params'));
      expect(() => linenFiles.readTree!(noParams, 'orbax', undefined)).toThrow(
        expect.objectContaining({
          code: 'E_UNSUPPORTED_STRUCTURE',
          message: expect.stringContaining('no top-level params'),
          details: expect.objectContaining({ found: 'step, opt_state, batch_stats' }),
        }),
      );
    } finally {
      await close();
    }
  });
});
