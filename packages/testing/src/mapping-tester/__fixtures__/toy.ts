// A toy framework in the Equinox style (weight [out, in]) with a forward pass, for testing the
// tester itself.
import { ConversionError, Tensor, Transpose, defineMapping } from '@interop/core';

export class Dense {
  constructor(
    public weight: Tensor,
    public bias?: Tensor,
    public relu = false,
  ) {}

  /** `x @ weight.T + bias` on a batch `[n, in]`, then relu when set. */
  apply(x: Tensor): Tensor {
    const [n, inF] = x.shape as [number, number];
    const out = this.weight.shape[0]!;
    const w = this.weight.toFloat64();
    const b = this.bias?.toFloat64();
    const xs = x.toFloat64();
    const y = new Float64Array(n * out);
    for (let r = 0; r < n; r++)
      for (let o = 0; o < out; o++) {
        let s = b ? b[o]! : 0;
        for (let i = 0; i < inF; i++) s += xs[r * inF + i]! * w[o * inF + i]!;
        y[r * out + o] = this.relu ? Math.max(0, s) : s;
      }
    return new Tensor('float64', [n, out], y);
  }
}

const outIn = new Transpose([1, 0]);

export const dense = defineMapping({
  meta: { framework: 'toy', layer: 'Dense', ir: 'linear', status: 'stable', description: 'Dense layer, weight [out, in]' },
  layerType: Dense,
  toIR: (m: Dense) => {
    if (m.relu) throw new ConversionError('A fused relu has no place in the linear IR');
    return {
      kind: 'linear',
      params: { inFeatures: m.weight.shape[1]!, outFeatures: m.weight.shape[0]! },
      tensors: { kernel: outIn.forward(m.weight), ...(m.bias ? { bias: m.bias } : {}) },
    };
  },
  fromIR: (ir) => {
    if (ir.tensors.kernel?.dtype === 'float64') throw new ConversionError('toy Dense has no float64 weights');
    return new Dense(outIn.inverse(ir.tensors.kernel!), ir.tensors.bias);
  },
});

export function filled(shape: number[], dtype: 'float32' | 'bfloat16' | 'float64' = 'float32'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return Tensor.fromArray(
    Array.from({ length: n }, (_, i) => ((i * 5) % 13) / 4 - 1.5),
    shape,
    dtype,
  );
}
