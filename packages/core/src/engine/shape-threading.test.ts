import { beforeEach, describe, expect, it } from 'vitest';
import { AConv, ADense, ANorm, ASequential, aConv, toyA } from '../__fixtures__/toy-a.js';
import { toyB } from '../__fixtures__/toy-b.js';
import { catchError } from '../__fixtures__/catch-error.js';
import { filled } from '../__fixtures__/tensors.js';
import { InteropError } from '../errors/interop-error.js';
import { MissingShapeError } from '../errors/named-errors.js';
import type { ConvIR, SequentialIR } from '../ir/kinds.js';
import { createRegistry } from '../registry/registry.js';
import type { ConversionContext } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';

const registry = () => createRegistry().use(toyA).use(toyB);

describe('shape threading', () => {
  beforeEach(() => {
    AConv.seen = [];
  });
  const convNormConv = () =>
    new ASequential(new AConv(filled([3, 3, 3, 4])), new ANorm(filled([4]), filled([4])), new AConv(filled([3, 3, 4, 2])));

  it('keeps spatial sizes flowing through a norm between two convs', () => {
    const ir = registry().toIR(convNormConv(), 'toy-a', { sampleInput: [8, 8, 3] }) as SequentialIR;
    expect(AConv.seen).toEqual([
      [8, 8, 3],
      [6, 6, 4],
    ]);
    expect(ir.layers.map((l) => l.inputShape)).toEqual([
      [8, 8, 3],
      [6, 6, 4],
      [6, 6, 4],
    ]);
  });

  it('takes the shape of a Tensor given as sampleInput', () => {
    registry().toIR(convNormConv(), 'toy-a', { sampleInput: Tensor.zeros([8, 8, 3], 'float32') });
    expect(AConv.seen[1]).toEqual([6, 6, 4]);
  });

  it('asks for sampleInput when a conv needs the input shape', () => {
    const error = catchError(() => registry().toIR(convNormConv(), 'toy-a'));
    expect(error).toBeInstanceOf(MissingShapeError);
    expect(error.path).toBe('layers/0');
    expect(error.message).toMatchInlineSnapshot(
      `"Converting \`AConv\` needs the input shape, but no \`sampleInput\` was given (plugin "toy-a-plugin", at layers/0). Pass \`sampleInput\`: one unbatched, channels-last example or its shape (e.g. { sampleInput: [8, 8, 3] } for H, W, C). See docs/errors.md#e_missing_shape"`,
    );
  });

  it('knows the width after a dense layer without any sampleInput', () => {
    const ir = registry().toIR(new ASequential(new ADense(filled([3, 5])), new ANorm(filled([5]), filled([5]))), 'toy-a') as SequentialIR;
    expect(ir.layers[1]!.inputShape).toEqual([5]);
  });

  it('reports a sample that does not fit the model as a shape mismatch at the layer', () => {
    const error = catchError(() => registry().toIR(convNormConv(), 'toy-a', { sampleInput: [8, 8, 5] }));
    expect([error.code, error.path]).toEqual(['E_SHAPE_MISMATCH', 'layers/0']);
  });

  it('threads shapes on the way out too, so IR without inputShape can still be built', () => {
    const ir = registry().toIR(convNormConv(), 'toy-a', { sampleInput: [8, 8, 3] }) as SequentialIR;
    const bare = { ...ir, inputShape: undefined, layers: ir.layers.map((l) => ({ ...l, inputShape: undefined })) } as SequentialIR;
    const seen: Array<number[] | undefined> = [];
    const probe = { ...aConv, fromIR: (node: ConvIR, ctx: ConversionContext) => (seen.push(ctx.inputShape), aConv.fromIR(node, ctx)) };
    const r = createRegistry().use(toyA).registerLayerMapping(probe, { override: true });
    expect(r.fromIR(bare, 'toy-a', { sampleInput: [8, 8, 3] })).toBeInstanceOf(ASequential);
    expect(seen).toEqual([
      [8, 8, 3],
      [6, 6, 4],
    ]);
  });
});
