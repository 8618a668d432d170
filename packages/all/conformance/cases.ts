/**
 * Live conformance cases for `pnpm conformance`: the `interop convert` CLI applied to checkpoint
 * files the real frameworks saved (the golden fixtures), across frameworks. Each case is the
 * converted file with the architecture the CLI wrote beside it, and the SOURCE framework's own
 * outputs as the expected values; Python loads the file into the target framework
 * (`eqx.tree_deserialise_leaves`, `flax.serialization.from_bytes`, `nnx.replace_by_pure_dict`,
 * `braintools.file.msgpack_load`), runs it and compares.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Tensor } from '@interop/core';
import { toChannelsFirst, toChannelsLast } from '@interop/equinox';
import { writeNpy } from '@interop/formats';
import { loadFixture } from '@interop/testing';
import { main } from '../src/cli/main.js';
import { writeTreeCases } from './tree-cases.js';

interface CaseContext {
  writeCase(name: string, manifest: Record<string, unknown>, files: Record<string, Uint8Array>): Promise<void>;
}

/** One CLI conversion of a golden fixture's checkpoint. */
interface CliCase {
  name: string;
  from: string;
  to: string;
  /** `layers_<framework>/<case>` whose checkpoint, input and output are used. */
  fixture: [group: string, name: string];
  /** Pass the fixture's spec as `--arch` (files whose names do not give the architecture). */
  arch?: boolean;
  sampleInput?: string;
}

const CASES: readonly CliCase[] = [
  { name: 'linen_to_equinox_mlp', from: 'linen', to: 'equinox', fixture: ['layers_linen', 'sequential_notebook'] },
  { name: 'linen_to_equinox_conv', from: 'linen', to: 'equinox', fixture: ['layers_linen', 'sequential_conv_bn_dropout'], arch: true },
  { name: 'nnx_to_linen_mlp', from: 'nnx', to: 'linen', fixture: ['layers_nnx', 'sequential_notebook'], arch: true },
  { name: 'nnx_to_linen_conv', from: 'nnx', to: 'linen', fixture: ['layers_nnx', 'sequential_conv_bn_dropout'], arch: true },
  { name: 'equinox_to_brainstate_mlp', from: 'equinox', to: 'brainstate', fixture: ['layers_equinox', 'sequential_notebook'], arch: true },
  {
    name: 'equinox_to_brainstate_conv',
    from: 'equinox',
    to: 'brainstate',
    fixture: ['layers_equinox', 'sequential_conv_dropout'],
    arch: true,
  },
  { name: 'brainstate_to_nnx_mlp', from: 'brainstate', to: 'nnx', fixture: ['layers_brainstate', 'sequential_notebook'], arch: true },
  { name: 'brainstate_to_nnx_conv', from: 'brainstate', to: 'nnx', fixture: ['layers_brainstate', 'sequential_conv_bn'], arch: true },
];

/** The source's batched input and output, channels-last. */
function sourceArrays(fixture: ReturnType<typeof loadFixture>, from: string): { x: Tensor; y: Tensor } {
  const a = fixture.arrays;
  if (from === 'equinox') return { x: toChannelsLast(a.batch_input!, true), y: toChannelsLast(a.batch_output!, true) };
  return { x: a.input!, y: a.output! };
}

/** Writes one case per CLI conversion, then the template conversions of whole models (tree-cases.ts). */
export async function writeConformanceCases(ctx: CaseContext): Promise<void> {
  await writeLayerCases(ctx);
  await writeTreeCases(ctx);
}

async function writeLayerCases(ctx: CaseContext): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'interop-cli-cases-'));
  for (const c of CASES) {
    const fixture = loadFixture(...c.fixture);
    const files = fixture.manifest.files as Record<string, string>;
    const input = join(dirname(fixture.path), files.checkpoint!);
    const out = join(dir, `${c.name}.${c.to === 'equinox' ? 'eqx' : 'msgpack'}`);
    const args = ['convert', input, '--from', c.from, '--to', c.to, '--out', out, '--verify'];
    if (c.arch) {
      const arch = join(dir, `${c.name}.source.arch.json`);
      writeFileSync(arch, JSON.stringify(fixture.manifest.spec));
      args.push('--arch', arch);
    }
    const { x, y } = sourceArrays(fixture, c.from);
    if (x.ndim > 2) args.push('--sample-input', x.shape.slice(1).join(','));
    const errors: string[] = [];
    const code = await main(args, { out: () => undefined, err: (l) => errors.push(l) });
    if (code !== 0) throw new Error(`interop ${args.join(' ')} exited ${code}: ${errors.join(' / ')}`);
    const spec = JSON.parse(readFileSync(`${out}.arch.json`, 'utf8')) as Record<string, unknown>;
    const checkpoint = new Uint8Array(readFileSync(out));
    const arrays: Record<string, Uint8Array> =
      c.to === 'equinox'
        ? {
            [`${c.name}.batch_input.npy`]: writeNpy(toChannelsFirst(x, true)),
            [`${c.name}.batch_output.npy`]: writeNpy(toChannelsFirst(y, true)),
          }
        : { [`${c.name}.input.npy`]: writeNpy(x), [`${c.name}.output.npy`]: writeNpy(y) };
    const names = Object.keys(arrays);
    await ctx.writeCase(
      c.name,
      {
        framework: c.to,
        layer: `${c.from} → ${c.to} (interop convert)`,
        spec,
        kind: 'forward',
        tolerance: { rtol: 1e-5, atol: 1e-5 },
        source_case: c.fixture.join('/'),
        arrays: c.to === 'equinox' ? { batch_input: names[0], batch_output: names[1] } : { input: names[0], output: names[1] },
        files: { checkpoint: `${c.name}.${c.to === 'equinox' ? 'eqx' : 'msgpack'}` },
      },
      { ...arrays, [`${c.name}.${c.to === 'equinox' ? 'eqx' : 'msgpack'}`]: checkpoint },
    );
  }
}
