import { weightLayers } from '@interop/core';
import type { IRNode, ModuleIR, Tensor } from '@interop/core';
import { verify } from '@interop/runtime';
import type { CliContext } from './context.js';
import { releasingAfter } from './release-tensors.js';
import { randomInputs } from './sample-input.js';
import type { InputSpec } from './sample-input.js';
import { nonFiniteLines } from './verify-models.js';
import type { VerifyFlags } from './verify-models.js';

/** One side of a layer-by-layer verification: a model's IR and its framework. */
export interface IRSide {
  framework: string;
  ir: IRNode;
}

/** The check of one converted layer against its source layer. */
export interface LayerCheck {
  source: string;
  output: string;
  kind: string;
  inputShape: number[];
  pass: boolean;
  maxAbsError: number;
  maxRelError: number;
  /** Non-finite values in the converted layer's outputs, over every input. */
  nonFiniteOutput: number;
  /** Non-finite values in the source layer's outputs, over every input. */
  nonFiniteSource: number;
}

/** What {@link verifyLayers} reports. */
export interface LayerReport {
  mode: 'layers';
  pass: boolean;
  atol: number;
  rtol: number;
  inputs: number;
  layers: LayerCheck[];
}

/** True when every module of the tree has a forward program, so the whole model runs. */
export function runsWhole(ir: IRNode): boolean {
  if (ir.kind !== 'module') return true;
  const m = ir as ModuleIR;
  return m.forward !== undefined && m.children.every((c) => ('items' in c ? c.items : [c.node]).every(runsWhole));
}

/** An input of the layer's own kind where no shape flowed to it (no forward, no sample input). */
function inputOf(ir: IRNode): InputSpec | undefined {
  const p = ir.params as Record<string, unknown>;
  if (ir.kind.includes('cell')) return undefined;
  if (ir.kind === 'embedding') return { shape: [5], vocabulary: p.numEmbeddings as number };
  if (ir.inputShape) return { shape: [...ir.inputShape] };
  if (ir.kind === 'linear') return { shape: [p.inFeatures as number] };
  if (ir.kind === 'layer-norm' || ir.kind === 'rms-norm') return { shape: [...(p.featureShape as number[])] };
  if (ir.kind === 'batch-norm' || ir.kind === 'group-norm') return { shape: [4, 4, p.channels as number] };
  if (ir.kind === 'conv') {
    const kernel = p.kernelSize as number[];
    const dilation = p.kernelDilation as number[];
    return { shape: [...kernel.map((k, i) => Math.max(8, (k - 1) * (dilation[i] ?? 1) + 1)), p.inFeatures as number] };
  }
  return undefined;
}

/**
 * Verifies a model that cannot run as a whole (a tree without a forward program) layer by
 * layer: each converted layer, built alone in its framework from what the written file holds,
 * against its source layer built alone in the source framework, on seeded random inputs of the
 * layer's input shape. `pairs` maps source layer paths to output layer paths (a template's
 * pairing); without it, layers pair in order.
 */
export function verifyLayers(
  ctx: CliContext,
  output: IRSide,
  source: IRSide,
  pairs: ReadonlyMap<string, string> | undefined,
  flags: VerifyFlags,
): LayerReport {
  const outs = weightLayers(output.ir);
  const srcs = weightLayers(source.ir);
  const byPath = new Map(outs.map((l) => [l.path, l]));
  const layers = srcs.flatMap((src, i): LayerCheck[] => {
    const out = pairs ? byPath.get(pairs.get(src.path) ?? '') : outs[i];
    const spec = out && (inputOf(src.node) ?? inputOf(out.node));
    if (!out || !spec) return [];
    const build = (side: IRSide, node: IRNode) =>
      ctx.interop.fromIR({ ...node, inputShape: spec.shape }, side.framework, { sampleInput: spec.shape });
    const run = (framework: string, model: unknown) => (x: Tensor) => ctx.files[framework]!.forward(model, x);
    // The layer's tensors are read when it runs and released after, so the model is never held whole.
    const report = releasingAfter([out.node, src.node], () =>
      verify(run(output.framework, build(output, out.node)), run(source.framework, build(source, src.node)), randomInputs(spec, flags), {
        atol: flags.atol,
        rtol: flags.rtol,
      }),
    );
    return [
      {
        source: src.path,
        output: out.path,
        kind: src.node.kind,
        inputShape: spec.shape,
        pass: report.pass,
        maxAbsError: Math.max(...report.outputs.map((o) => o.maxAbsError)),
        maxRelError: Math.max(...report.outputs.map((o) => o.maxRelError)),
        nonFiniteOutput: report.outputs.reduce((n, o) => n + o.nonFiniteA, 0),
        nonFiniteSource: report.outputs.reduce((n, o) => n + o.nonFiniteB, 0),
      },
    ];
  });
  return { mode: 'layers', pass: layers.every((l) => l.pass), atol: flags.atol, rtol: flags.rtol, inputs: 3, layers };
}

/** The layer report as lines for people. */
export function describeLayerReport(report: LayerReport, total: number): string[] {
  const show = (p: string) => p || '(root)';
  const failed = report.layers.filter((l) => !l.pass);
  const worstAbs = Math.max(0, ...report.layers.map((l) => l.maxAbsError));
  const worstRel = Math.max(0, ...report.layers.map((l) => l.maxRelError));
  const unchecked = total - report.layers.length;
  return [
    `verify: verified layer by layer: ${report.layers.length} layer${report.layers.length === 1 ? '' : 's'} (no forward program runs the whole model), ${report.inputs} random inputs each`,
    `        max abs error ${worstAbs.toExponential(2)}, max rel error ${worstRel.toExponential(2)} (atol ${report.atol}, rtol ${report.rtol})`,
    ...(unchecked > 0 ? [`        ${unchecked} layer${unchecked === 1 ? '' : 's'} not checked (recurrent cells need their carry)`] : []),
    ...failed.flatMap((l) => nonFiniteLines(l.nonFiniteOutput, l.nonFiniteSource, `${show(l.source)}: `)),
    `        ${failed.length === 0 && unchecked === 0 ? 'layers match' : failed.length > 0 ? `LAYERS DIFFER: ${failed.map((l) => `${show(l.source)} -> ${show(l.output)}`).join(', ')}` : 'the checked layers match'}`,
  ];
}
