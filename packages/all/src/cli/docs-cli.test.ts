// Every `interop` command of docs/cli.md's sh blocks, run as written on copies of golden fixtures
// (files the real frameworks saved), with the exit code and the output lines the doc shows. The
// "Real models" section is walkthrough.test.ts's, which also checks what the written files compute.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@interop/core';
import { allclose } from '@interop/runtime';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import { defaultInterop } from '../default-interop.js';
import { cliDocs, copyCheckpoint, runStep, section, steps, tempDir } from './__fixtures__/cli-docs.js';
import type { Step } from './__fixtures__/cli-docs.js';

const dir = tempDir('docs-cli');
// Where `--plugin interop-plugin-scale` is found, as in a project that installed it.
const pluginProject = fileURLToPath(new URL('../../../../examples/third-party-plugin', import.meta.url));

const walkthrough = steps(section('Real models'), 'convert');
const others = steps(cliDocs.replace(section('Real models'), ''));
const run = (step: Step) => runStep(step, dir, pluginProject);

/** Whether the file written in `dir` (with its .arch.json) computes what Flax computed for layers_linen/`source`. */
function computesAsFlax(file: string, framework: 'equinox' | 'linen', format: 'eqx' | 'msgpack', source: string): boolean {
  const path = join(dir, file);
  const files = defaultInterop().files(framework);
  const { model } = files.read(new Uint8Array(readFileSync(path)), format, JSON.parse(readFileSync(`${path}.arch.json`, 'utf8')));
  const { input, output } = loadFixture('layers_linen', source).arrays as Record<string, Tensor>;
  return allclose(files.forward(model, input!), output!, { atol: 1e-5, rtol: 1e-5 });
}

describe('docs/cli.md: every sh example', () => {
  it('leaves no interop command unrun (this file or walkthrough.test.ts)', () => {
    const all = steps(cliDocs).map((s) => s.argv.join(' '));
    expect([...others, ...walkthrough].map((s) => s.argv.join(' ')).sort()).toEqual(all.sort());
    expect(
      others.map((s) => s.argv[0]),
      'a new sh example in docs/cli.md: run it below, on files made from golden fixtures',
    ).toEqual(['convert', 'inspect', 'convert', 'convert', 'verify', 'convert', 'layers', 'convert']);
  });

  it('`interop convert`: a Linen checkpoint Flax saved, to Equinox, verified', async () => {
    copyCheckpoint('layers_linen', 'sequential_notebook', dir, 'model.msgpack');
    const [step] = steps(section('`interop convert`'));
    const lines = await run(step!);
    expect(lines).toContain('        outputs match');
    expect(computesAsFlax('model.eqx', 'equinox', 'eqx', 'sequential_notebook')).toBe(true);
  });

  it('Orbax checkpoints: a CheckpointManager root of the NNX State Orbax saved, inspected, converted both ways, verified', async () => {
    // ckpt/{1,3}/state: the golden nnx-state item directory (written by orbax-checkpoint 0.12.8) as two steps.
    const fixture = loadFixture('orbax', 'nnx-state');
    for (const step of ['1', '3']) {
      for (const rel of Object.keys(fixture.manifest.files as Record<string, string>)) {
        const to = join(dir, 'ckpt', step, 'state', rel);
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, fixture.file(rel));
      }
    }
    // Directory arguments are put in `dir` here (runStep puts the files there).
    const inside = (step: Step): Step => ({ ...step, argv: step.argv.map((a) => (/^(ckpt|model\.orbax)$/.test(a) ? join(dir, a) : a)) });
    const [inspect, toEqx, toOrbax, verify, missing] = steps(section('Orbax checkpoints'));
    for (const step of [inspect!, toEqx!, toOrbax!, verify!, missing!]) await run(inside(step));
  });

  it('Plugins: the example plugin lists its toy framework and converts a toy file to Linen', async () => {
    // The toy file, made from Flax's Dense checkpoint through the plugin (no framework saves toy files).
    writeFileSync(join(dir, 'dense.arch.json'), JSON.stringify(loadFixture('layers_linen', 'dense').manifest.spec));
    copyCheckpoint('layers_linen', 'dense', dir, 'dense.msgpack');
    const made = await runStep(
      {
        argv: [
          'convert',
          'dense.msgpack',
          '--from',
          'linen',
          '--to',
          'toy',
          '--arch',
          'dense.arch.json',
          '--out',
          'mlp.toy.json',
          '--plugin',
          'interop-plugin-scale',
        ],
        exit: 0,
        expected: [],
      },
      dir,
      pluginProject,
    );
    expect(made).toContain('wrote   mlp.toy.json.arch.json (the toy architecture)');
    expect(made.length).toBe(3);

    const [layers, convert] = steps(section('Plugins'));
    expect((await run(layers!)).some((l) => /^toy +: .*Linear/.test(l))).toBe(true);
    const lines = await run(convert!);
    expect(lines).toContain('        outputs match');
    expect(computesAsFlax('mlp.msgpack', 'linen', 'msgpack', 'dense')).toBe(true);
  });
});
