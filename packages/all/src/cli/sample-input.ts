import { InteropError, MissingShapeError, Tensor, childNodes } from '@interop/core';
import type { IRNode, ModuleIR } from '@interop/core';
import { PRNGKey, normal, split, uniform } from '@interop/runtime';

/** Parses `--sample-input 8,8,3` into a shape. */
export function parseShape(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(/[, ]/).filter((p) => p !== '');
  const shape = parts.map(Number);
  if (parts.length === 0 || shape.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new InteropError('E_INVALID_ARGUMENT', `--sample-input "${text}" is not a shape`, {
      expected: 'positive integers separated by commas, one unbatched channels-last example (8,8,3 for H, W, C)',
      fix: 'Pass e.g. --sample-input 8,8,3',
    });
  }
  return shape;
}

const ELEMENTWISE = new Set(['activation', 'dropout']);

/** The layer that first sees the model's input (through elementwise steps only), or the model. */
function firstLayer(ir: IRNode): IRNode {
  const layers = (ir as { layers?: IRNode[] }).layers;
  if (ir.kind === 'sequential' && layers?.[0]) return firstLayer(layers[0]);
  if (ir.kind !== 'module') return ir;
  const m = ir as ModuleIR;
  const nodesOf = (name: string) => m.children.filter((c) => c.name === name).flatMap((c) => ('items' in c ? c.items : [c.node]));
  if (!m.forward) return m.children[0] ? firstLayer(childNodes(m.children[0])[0] ?? ir) : ir;
  for (const step of m.forward) {
    if ('call' in step) return nodesOf(step.call)[0] ? firstLayer(nodesOf(step.call)[0]!) : ir;
    if (!('op' in step) || !ELEMENTWISE.has(step.op.kind)) return ir;
  }
  return ir;
}

/** What one verification input looks like: its unbatched shape and whether it holds token ids. */
export interface InputSpec {
  shape: number[];
  /** For an embedding: ids are drawn from `[0, vocabulary)`. */
  vocabulary?: number;
}

/**
 * The input a model takes, from `--sample-input` or its first layer: a dense or norm layer
 * fixes its feature size; a conv, spatial norm or recurrent cell needs the sample shape.
 */
export function inputSpecOf(ir: IRNode, sample: number[] | undefined): InputSpec {
  const first = firstLayer(ir);
  const p = first.params as Record<string, unknown>;
  if (first.kind.includes('cell')) {
    throw new InteropError('E_INVALID_ARGUMENT', `verify runs feed-forward models; ${first.kind} is a recurrent cell with a carry`, {
      fix: 'Check recurrent cells from the API with their carry (registry.toIR + runCell)',
    });
  }
  if (first.kind === 'embedding') return { shape: sample ?? [5], vocabulary: p.numEmbeddings as number };
  if (sample) return { shape: sample };
  if (ir.inputShape) return { shape: [...ir.inputShape] };
  if (first.kind === 'linear') return { shape: [p.inFeatures as number] };
  if (first.kind === 'layer-norm' || first.kind === 'rms-norm') return { shape: [...(p.featureShape as number[])] };
  throw new MissingShapeError(`Verifying a model that starts with ${first.kind} needs the input shape`, {
    fix: 'Pass --sample-input with one unbatched channels-last example shape (e.g. --sample-input 8,8,3)',
  });
}

/**
 * `count` seeded batched inputs for `spec`: standard normal floats times `inputScale`
 * (`--input-scale`, 1 by default), or uniform token ids.
 */
export function randomInputs(spec: InputSpec, options: { seed: number; inputScale?: number }, batch = 2, count = 3): Tensor[] {
  const keys = split(PRNGKey(options.seed), count);
  const scale = options.inputScale ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const shape = [batch, ...spec.shape];
    const k = keys.at(i);
    if (spec.vocabulary === undefined) {
      const x = normal(k, shape);
      return scale === 1
        ? x
        : Tensor.fromArray(
            Array.from(x.toFloat32(), (v) => v * scale),
            shape,
            x.dtype,
          );
    }
    const u = uniform(k, shape).toArray();
    return Tensor.fromArray(
      u.map((v) => Math.floor(v * spec.vocabulary!)),
      shape,
      'int32',
    );
  });
}
