import { describe, expect, it } from 'vitest';
import { Linear } from '../modules/linear.js';
import { Rngs } from '../rngs.js';
import { goldenCases, tester } from '../__fixtures__/mapping.js';
import { linear } from './linear.js';

tester.run(linear, { valid: goldenCases(['linear', 'linear_no_bias', 'linear_bf16', 'linear_f16', 'linear_batch_dims']) });

describe('Linear ↔ linear', () => {
  it('builds a layer computing in its kernel dtype (bfloat16 stays bfloat16)', () => {
    const [c] = goldenCases(['linear_bf16']);
    const built = linear.fromIR(linear.toIR(c!.layer as Linear, {} as never), {} as never) as Linear;
    expect(built.kernel.value.dtype).toBe('bfloat16');
    expect(built.bias!.value.dtype).toBe('bfloat16');
    expect(built.dtype).toBe('bfloat16');
  });

  it('Python signature: in_features, out_features positional, the rest keyword-only', () => {
    const rngs = new Rngs(0);
    expect(() => new (Linear as unknown as new (...a: unknown[]) => Linear)(3, 5, false, { rngs })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(() => new Linear(3, 5, { rngs, bogus: 1 } as never)).toThrow(/unexpected keyword argument "bogus"/);
    // @ts-expect-error rngs is required in the type; the run-time check is for JS callers
    expect(() => new Linear(3, 5, {})).toThrow(/rngs/);
  });
});
