import { InteropError, Tensor } from '@interop/core';

/** A layer of the toy framework: runs a batch `[batch, features]`. */
export abstract class ToyLayer {
  abstract call(x: Tensor): Tensor;
}

/**
 * `Dense(in, out)`: `y = x @ weight.T + bias`, with `weight` stored `[out, in]` as PyTorch stores
 * it (the IR's `linear` kernel is `[in, out]`, so the mapping transposes).
 *
 * @example
 * ```ts
 * new Dense(Tensor.fromArray([1, 2], [1, 2], 'float32'), Tensor.fromArray([0], [1], 'float32')).call(x);
 * ```
 */
export class Dense extends ToyLayer {
  constructor(
    /** `[out, in]`. */
    public weight: Tensor,
    /** `[out]`. */
    public bias: Tensor,
  ) {
    super();
  }

  get inFeatures(): number {
    return this.weight.shape[1]!;
  }

  get outFeatures(): number {
    return this.weight.shape[0]!;
  }

  call(x: Tensor): Tensor {
    const [batch, features] = x.shape as [number, number];
    if (features !== this.inFeatures) {
      throw new InteropError('E_SHAPE_MISMATCH', `Dense takes ${this.inFeatures} features, the input has ${features}`, {
        fix: `Pass an input of shape [batch, ${this.inFeatures}]`,
      });
    }
    const [xs, w, b] = [x.toArray(), this.weight.toArray(), this.bias.toArray()];
    const out = new Float32Array(batch * this.outFeatures);
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < this.outFeatures; o++) {
        let sum = b[o]!;
        for (let i = 0; i < features; i++) sum += xs[n * features + i]! * w[o * features + i]!;
        out[n * this.outFeatures + o] = sum;
      }
    }
    return Tensor.fromArray([...out], [batch, this.outFeatures], 'float32');
  }
}

/** `ReLU()`: `max(x, 0)` elementwise. */
export class ReLU extends ToyLayer {
  call(x: Tensor): Tensor {
    return Tensor.fromArray(
      x.toArray().map((v) => Math.max(v, 0)),
      x.shape,
      'float32',
    );
  }
}

/** `Stack(...layers)`: runs its layers in order. */
export class Stack extends ToyLayer {
  readonly layers: ToyLayer[];

  constructor(...layers: ToyLayer[]) {
    super();
    this.layers = layers;
  }

  call(x: Tensor): Tensor {
    return this.layers.reduce((y, layer) => layer.call(y), x);
  }
}
