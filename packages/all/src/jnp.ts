import { pythonArgs } from '@interop/core';
import type { Tensor } from '@interop/core';
import { allclose as allcloseOf } from '@interop/runtime';
import type { AllcloseOptions } from '@interop/runtime';

/**
 * `jnp.allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`: every
 * `|a - b| <= atol + rtol·|b|`.
 *
 * @example
 * ```ts
 * jnp.allclose(reference, back.call(x), { atol: 1e-5 }); // true
 * jnp.allclose(a, b, 1e-5, 1e-6);
 * ```
 */
export function allclose(
  a: Tensor,
  b: Tensor,
  ...rest: [] | [AllcloseOptions] | [number, number?, boolean?] | [number, number, boolean, AllcloseOptions]
): boolean {
  const args = pythonArgs<AllcloseOptions>('jnp.allclose', ['rtol', 'atol', 'equalNan'], rest);
  return allcloseOf(a, b, args);
}
