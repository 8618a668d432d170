import { shapeOnly } from '@interop/core';
import { PRNGKey } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { equinoxFiles } from './files-part.js';
import { linearInit } from './modules/default-init.js';
import { Linear } from './modules/linear.js';
import { moduleFromSpec } from './spec.js';

describe('shape-only builds', () => {
  it('give lazy placeholders of the layer’s shapes and dtypes, whose values cannot be read', () => {
    const m = shapeOnly(() => moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 5, dtype: 'bfloat16' })) as Linear;
    expect([m.weight.isLazy, m.weight.dtype, m.weight.shape]).toEqual([true, 'bfloat16', [5, 3]]);
    expect(m.bias!.shape).toEqual([5]);
    expect(() => m.weight.data).toThrow(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining('shape-only') }),
    );
    expect(moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 5 })).toBeInstanceOf(Linear);
    expect((moduleFromSpec({ type: 'Linear', in_features: 3, out_features: 5 }) as Linear).weight.isLazy).toBe(false);
  });

  it('refuse what the samplers refuse, so a spec read with a file fails as one built alone', () => {
    const spec = { type: 'Linear', in_features: 3, out_features: 5, dtype: 'int32' };
    const alone = (() => {
      try {
        equinoxFiles.fromSpec!(spec);
      } catch (e) {
        return e;
      }
    })() as { code: string; message: string };
    expect(() => equinoxFiles.readTree!([], 'eqx', spec)).toThrow(expect.objectContaining({ code: alone.code, message: alone.message }));
    expect(() => shapeOnly(() => linearInit(PRNGKey(0), 3, -1))).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
