import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { filled } from '../__fixtures__/tensors.js';
import type { IRNode } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';
import { ACTIVATION_FUNCTIONS } from './activations.js';
import { BUILTIN_KINDS } from './builtin/index.js';
import type { IRNodeOf } from './define-kind.js';
import { defineKind } from './define-kind.js';
import { irFromJSON, irToJSON } from './json.js';
import type { ActivationIR } from './kinds.js';
import { BUILTIN_IR_KINDS } from './kinds.js';
import type { FlattenIR } from './ops.js';
import { OP_KINDS } from './ops.js';
import { inferOutputShape } from './shape.js';

const gainKind = defineKind({
  kind: 'gain',
  description: 'Multiplies each feature by its gain',
  params: {
    features: 'int',
    mode: { expected: "'mul' or 'div'", test: (v: unknown): v is 'mul' | 'div' => v === 'mul' || v === 'div' },
    note: 'string?',
  },
  tensors: { gain: 'required', offset: 'optional' },
  outputShape: (_ir, input) => [...input],
  outputShapeWithoutInput: (ir) => [ir.params.features],
  run(ir, x) {
    const g = ir.tensors.gain!.toArray();
    return Tensor.fromArray(
      x.toArray().map((v, i) => v * g[i % g.length]!),
      x.shape,
      'float32',
    );
  },
});
const kinds = { gain: gainKind };
const gain = (features = 3): IRNode => ({ kind: 'gain', params: { features, mode: 'mul' }, tensors: { gain: filled([features]) } });

describe('defineKind', () => {
  it('derives the node type from the definition', () => {
    type GainIR = IRNodeOf<typeof gainKind>;
    expectTypeOf<GainIR['kind']>().toEqualTypeOf<'gain'>();
    expectTypeOf<GainIR['params']>().toEqualTypeOf<{ features: number; mode: 'mul' | 'div'; note?: string }>();
    expectTypeOf<keyof GainIR['tensors']>().toEqualTypeOf<'gain' | 'offset'>();
    expectTypeOf<ActivationIR['params']>().toEqualTypeOf<{ fn: (typeof ACTIVATION_FUNCTIONS)[number]; alpha?: number }>();
    expectTypeOf<FlattenIR['params']>().toEqualTypeOf<Record<string, never>>();
  });

  it('refuses a malformed definition, listing every problem', () => {
    expect(() =>
      defineKind({
        kind: 'Gain',
        description: '',
        params: { n: 'integer' as 'int' },
        tensors: { w: 'needed' as 'required' },
        stateless: true,
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: Kind "Gain" is malformed: kind: expected a kebab-case name such as "rms-norm"; description: expected a non-empty string; params.n: unknown check "integer" (expected one of int, number, boolean, string, ints, axis, axes, targetShape, padding, paddingMode, variance, activation, poolOp, poolPadding, optionally ending in ?); tensors.w: expected 'required' or 'optional'; stateless: a stateless kind holds no tensors. Build it with defineKind() and fill in the listed fields. See docs/errors.md#e_invalid_plugin]`,
    );
  });
});

describe('the built-in kinds', () => {
  it('are definitions, listed once, in documentation order', () => {
    expect(BUILTIN_IR_KINDS).toEqual(Object.keys(BUILTIN_KINDS));
    for (const [name, definition] of Object.entries(BUILTIN_KINDS)) expect(definition.kind).toBe(name);
    expect([...OP_KINDS].sort()).toEqual(['activation', 'dropout', 'flatten', 'mean', 'pool', 'reshape', 'softmax']);
  });

  it('match the table of docs/ir/README.md, row for row', () => {
    const readme = readFileSync(new URL('../../../../docs/ir/README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| \[([a-z-]+)\.md\]\(\2\.md\) \| (.+) \|$/gm)].map((m) => [m[1], m[3]]);
    expect(rows).toEqual(Object.values(BUILTIN_KINDS).map((d) => [d.kind, d.description]));
  });

  it('take the activation functions from the one list', () => {
    expect(irFromJSON({ kind: 'activation', params: { fn: ACTIVATION_FUNCTIONS.at(-1) }, tensors: {} }).params).toEqual({
      fn: 'leaky_relu',
    });
    expect(() => irFromJSON({ kind: 'activation', params: { fn: 'mish' }, tensors: {} })).toThrow(/params\/fn/);
  });

  it('refuse a node without a required tensor', () => {
    expect(() => irFromJSON({ kind: 'linear', params: { inFeatures: 1, outFeatures: 1 }, tensors: {} })).toThrowErrorMatchingInlineSnapshot(
      `[InteropError: A linear node needs the tensor "kernel" (at tensors/kernel). Produce IR JSON with irToJSON(), or correct the field named in the path. See docs/errors.md#e_invalid_ir]`,
    );
  });
});

describe('a plugin kind', () => {
  it('is validated by irFromJSON when its definition is given', () => {
    const json = irToJSON(gain());
    expect(irFromJSON(json, { kinds }).params).toEqual({ features: 3, mode: 'mul' });
    const bad = (patch: object) => () => irFromJSON({ ...json, ...patch }, { kinds });
    expect(bad({ params: { features: 3, mode: 'add' } })).toThrow(/Invalid gain param "mode" \(expected 'mul' or 'div'\)/);
    expect(bad({ params: { features: 3, mode: 'mul', note: 4 } })).toThrow(/params\/note/);
    expect(bad({ tensors: {} })).toThrow(/needs the tensor "gain"/);
    expect(bad({ tensors: { ...json.tensors, bias: json.tensors.gain } })).toThrow(/has no tensor "bias"/);
    expect(irFromJSON({ ...json, tensors: {} }).kind).toBe('gain');
  });

  it('is validated inside containers too', () => {
    const stack = {
      kind: 'sequential',
      params: {},
      tensors: {},
      layers: [irToJSON(gain()), { ...irToJSON(gain()), params: { features: -1, mode: 'mul' } }],
    };
    expect(() => irFromJSON(stack, { kinds })).toThrow(/at layers\/1\/params\/features/);
  });

  it('flows shapes through inferOutputShape, nested in a stack', () => {
    const stack = {
      kind: 'sequential',
      params: {},
      tensors: {},
      layers: [gain(4), { kind: 'linear', params: { inFeatures: 4, outFeatures: 2 }, tensors: {} }],
    } as IRNode;
    expect(inferOutputShape(stack, [4], { kinds })).toEqual([2]);
    expect(() => inferOutputShape(stack, [4])).toThrow(/no shape rule for IR kind "gain"/);
  });

  it('keeps its run as a plain forward', () => {
    const x = Tensor.fromArray([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
    const node = {
      kind: 'gain' as const,
      params: { features: 3, mode: 'mul' as const },
      tensors: { gain: Tensor.fromArray([1, 0, -1], [3], 'float32') },
    };
    expect(gainKind.run!(node, x).toArray()).toEqual([1, 0, -3, 4, 0, -6]);
  });
});
