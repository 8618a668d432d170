// Threefry-2x32 with 20 rounds, the block cipher behind JAX's default PRNG (`threefry2x32`).
// Everything is uint32 arithmetic; `>>> 0` keeps values unsigned.

const ROTATIONS = [
  [13, 15, 26, 6],
  [17, 29, 16, 24],
] as const;

const PARITY = 0x1bd11bda;

function rotl(x: number, r: number): number {
  return ((x << r) | (x >>> (32 - r))) >>> 0;
}

/**
 * Hashes one counter pair `(x0, x1)` under the key `(k0, k1)` and writes the two output words
 * to `out[at]` and `out[at + 1]`.
 *
 * @example
 * ```ts
 * const out = new Uint32Array(2);
 * threefry2x32(0, 0, 0, 0, out); // JAX: threefry_2x32((0, 0), (0, 0))
 * ```
 */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number, out: Uint32Array, at = 0): void {
  const ks = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ PARITY) >>> 0];
  let a = (x0 + ks[0]!) >>> 0;
  let b = (x1 + ks[1]!) >>> 0;
  for (let block = 0; block < 5; block++) {
    for (const r of ROTATIONS[block % 2]!) {
      a = (a + b) >>> 0;
      b = rotl(b, r);
      b = (a ^ b) >>> 0;
    }
    a = (a + ks[(block + 1) % 3]!) >>> 0;
    b = (b + ks[(block + 2) % 3]! + block + 1) >>> 0;
  }
  out[at] = a;
  out[at + 1] = b;
}

/**
 * The partitionable bit stream of a key (`jax_threefry_partitionable=True`, the default since
 * JAX 0.5): element `i` hashes the 64-bit counter `i` split as `(hi, lo)`, giving two words.
 * Returns them interleaved, `[w0(0), w1(0), w0(1), w1(1), ...]`, for `count` elements.
 *
 * @example
 * ```ts
 * const words = threefryStream(0, 42, 4); // Uint32Array(8)
 * ```
 */
export function threefryStream(k0: number, k1: number, count: number): Uint32Array {
  const out = new Uint32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const hi = Math.floor(i / 0x100000000);
    threefry2x32(k0, k1, hi, i >>> 0, out, 2 * i);
  }
  return out;
}
