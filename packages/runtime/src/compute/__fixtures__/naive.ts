// Independent float64 references, written from the definitions (not from the kernels): conv
// materialises the padded, dilated input and slides a dilated kernel over it.

export type Arr = ArrayLike<number>;

export function naiveMatmul(a: Arr, b: Arr, m: number, k: number, n: number, bias?: Arr): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      out[i * n + j] = s + (bias ? bias[j]! : 0);
    }
  }
  return out;
}

export interface NaiveConv {
  spatial: number[]; // input spatial shape
  cin: number;
  cout: number;
  ksize: number[];
  strides: number[];
  pads: Array<[number, number]>;
  lhsDil: number[];
  rhsDil: number[];
  groups: number;
  mode?: 'zeros' | 'circular' | 'reflect' | 'replicate';
}

/** Pads of lax 'SAME' / 'SAME_LOWER', recomputed from the definition. */
export function samePads(size: number, k: number, s: number, d: number, lower = false): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max(0, (out - 1) * s + (k - 1) * d + 1 - size);
  const a = Math.floor(total / 2);
  return lower ? [total - a, a] : [a, total - a];
}

function padIndex(i: number, n: number, mode: string): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zeros') return -1;
  if (mode === 'replicate') return Math.min(Math.max(i, 0), n - 1);
  if (mode === 'circular') return ((i % n) + n) % n;
  let j = i; // reflect, numpy style, repeated
  while (j < 0 || j >= n) j = j < 0 ? -j : 2 * (n - 1) - j;
  return j;
}

export function naiveConv(x: Arr, w: Arr, batch: number, c: NaiveConv, bias?: Arr): { out: Float64Array; outShape: number[] } {
  const nd = c.spatial.length;
  const full = (v: number[], fill: number) => [...Array(3 - nd).fill(fill), ...v];
  const S = full(c.spatial, 1);
  const K = full(c.ksize, 1);
  const st = full(c.strides, 1);
  const ld = full(c.lhsDil, 1);
  const rd = full(c.rhsDil, 1);
  const P: Array<[number, number]> = [...Array(3 - nd).fill([0, 0]), ...c.pads];
  const mode = c.mode ?? 'zeros';
  // The padded (possibly cropped) dilated input, materialised.
  const PS = S.map((n, d) => P[d]![0] + (n - 1) * ld[d]! + 1 + P[d]![1]);
  const padded = new Float64Array(batch * PS[0]! * PS[1]! * PS[2]! * c.cin);
  for (let b = 0; b < batch; b++)
    for (let z = 0; z < PS[0]!; z++)
      for (let y = 0; y < PS[1]!; y++)
        for (let q = 0; q < PS[2]!; q++) {
          const src = [z, y, q].map((v, d) => {
            const t = v - P[d]![0];
            if (ld[d]! > 1) return t >= 0 && t % ld[d]! === 0 && t / ld[d]! < S[d]! ? t / ld[d]! : -1;
            return padIndex(t, S[d]!, mode);
          });
          if (src.some((v) => v < 0)) continue;
          for (let ch = 0; ch < c.cin; ch++) {
            padded[(((b * PS[0]! + z) * PS[1]! + y) * PS[2]! + q) * c.cin + ch] =
              x[(((b * S[0]! + src[0]!) * S[1]! + src[1]!) * S[2]! + src[2]!) * c.cin + ch]!;
          }
        }
  const O = PS.map((n, d) => Math.max(0, Math.floor((n - ((K[d]! - 1) * rd[d]! + 1)) / st[d]!) + 1));
  const cig = c.cin / c.groups;
  const cog = c.cout / c.groups;
  const out = new Float64Array(batch * O[0]! * O[1]! * O[2]! * c.cout);
  for (let b = 0; b < batch; b++)
    for (let oz = 0; oz < O[0]!; oz++)
      for (let oy = 0; oy < O[1]!; oy++)
        for (let ox = 0; ox < O[2]!; ox++)
          for (let o = 0; o < c.cout; o++) {
            const g = Math.floor(o / cog);
            let s = bias ? bias[o]! : 0;
            for (let kz = 0; kz < K[0]!; kz++)
              for (let ky = 0; ky < K[1]!; ky++)
                for (let kx = 0; kx < K[2]!; kx++)
                  for (let ci = 0; ci < cig; ci++) {
                    const pz = oz * st[0]! + kz * rd[0]!;
                    const py = oy * st[1]! + ky * rd[1]!;
                    const px = ox * st[2]! + kx * rd[2]!;
                    const xv = padded[(((b * PS[0]! + pz) * PS[1]! + py) * PS[2]! + px) * c.cin + g * cig + ci]!;
                    const wv = w[(((kz * K[1]! + ky) * K[2]! + kx) * cig + ci) * c.cout + o]!;
                    s += xv * wv;
                  }
            out[(((b * O[0]! + oz) * O[1]! + oy) * O[2]! + ox) * c.cout + o] = s;
          }
  return { out, outShape: O.slice(3 - nd) };
}

/** Normalises each contiguous row of `size` values; `groups` splits the channel axis (last). */
export function naiveGroupNorm(
  x: Arr,
  batch: number,
  spatial: number,
  channels: number,
  groups: number,
  eps: number,
  formula: 'fast' | 'two-pass' | 'rms',
  scale?: Arr,
  bias?: Arr,
): Float64Array {
  const out = new Float64Array(x.length);
  const gs = channels / groups;
  for (let b = 0; b < batch; b++)
    for (let g = 0; g < groups; g++) {
      const vals: number[] = [];
      const at: number[] = [];
      for (let s = 0; s < spatial; s++)
        for (let j = 0; j < gs; j++) {
          const i = (b * spatial + s) * channels + g * gs + j;
          vals.push(x[i]!);
          at.push(i);
        }
      const n = vals.length;
      const mean = formula === 'rms' ? 0 : vals.reduce((a, v) => a + v, 0) / n;
      const variance =
        formula === 'rms'
          ? vals.reduce((a, v) => a + v * v, 0) / n
          : formula === 'fast'
            ? Math.max(0, vals.reduce((a, v) => a + v * v, 0) / n - mean * mean)
            : vals.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
      at.forEach((i, k) => {
        const ch = i % channels;
        out[i] = ((vals[k]! - mean) / Math.sqrt(variance + eps)) * (scale ? scale[ch]! : 1) + (bias ? bias[ch]! : 0);
      });
    }
  return out;
}

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** One LSTM step from the textbook equations, gate order i, f, g, o. */
export function naiveLstm(x: Arr, h: Arr, c: Arr, wi: Arr, wh: Arr, bias: Arr, B: number, I: number, H: number) {
  const zi = naiveMatmul(x, wi, B, I, 4 * H, bias);
  const zh = naiveMatmul(h, wh, B, H, 4 * H);
  const hn = new Float64Array(B * H);
  const cn = new Float64Array(B * H);
  for (let b = 0; b < B; b++)
    for (let j = 0; j < H; j++) {
      const z = (q: number) => zi[b * 4 * H + q * H + j]! + zh[b * 4 * H + q * H + j]!;
      cn[b * H + j] = sig(z(1)) * c[b * H + j]! + sig(z(0)) * Math.tanh(z(2));
      hn[b * H + j] = sig(z(3)) * Math.tanh(cn[b * H + j]!);
    }
  return { h: hn, c: cn };
}

/** One cuDNN-style GRU step. */
export function naiveGru(x: Arr, h: Arr, wi: Arr, wh: Arr, bias: Arr, bn: Arr, B: number, I: number, H: number) {
  const xi = naiveMatmul(x, wi, B, I, 3 * H, bias);
  const hh = naiveMatmul(h, wh, B, H, 3 * H);
  const out = new Float64Array(B * H);
  for (let b = 0; b < B; b++)
    for (let j = 0; j < H; j++) {
      const r = sig(xi[b * 3 * H + j]! + hh[b * 3 * H + j]!);
      const z = sig(xi[b * 3 * H + H + j]! + hh[b * 3 * H + H + j]!);
      const n = Math.tanh(xi[b * 3 * H + 2 * H + j]! + r * (hh[b * 3 * H + 2 * H + j]! + bn[j]!));
      out[b * H + j] = (1 - z) * n + z * h[b * H + j]!;
    }
  return out;
}

/** One Cho-2014 GRU step. */
export function naiveGruCho(x: Arr, h: Arr, wg: Arr, bg: Arr, wc: Arr, bc: Arr, B: number, I: number, H: number) {
  const out = new Float64Array(B * H);
  for (let b = 0; b < B; b++) {
    const xh = [...Array.from({ length: I }, (_, i) => x[b * I + i]!), ...Array.from({ length: H }, (_, j) => h[b * H + j]!)];
    const rz = naiveMatmul(xh, wg, 1, I + H, 2 * H, bg).map(sig);
    const xrh = xh.map((v, i) => (i < I ? v : rz[i - I]! * v));
    const cand = naiveMatmul(xrh, wc, 1, I + H, H, bc).map(Math.tanh);
    for (let j = 0; j < H; j++) out[b * H + j] = (1 - rz[H + j]!) * h[b * H + j]! + rz[H + j]! * cand[j]!;
  }
  return out;
}
