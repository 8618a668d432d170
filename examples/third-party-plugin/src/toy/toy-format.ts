import { InteropError, Tensor, sizeOf } from '@interop/core';
import type { FileArray, FormatCodec } from '@interop/core';

const MAGIC = '{"format":"toy"';

interface ToyArray {
  dtype: 'float32';
  shape: number[];
  data: number[];
}

const corrupt = (what: string, path?: string) =>
  new InteropError('E_FORMAT_CORRUPT', what, {
    ...(path === undefined ? {} : { path }),
    fix: 'Write the file with the toy plugin (toyCodec.write)',
  });

function parse(bytes: Uint8Array): Map<string, ToyArray> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw corrupt(`A toy file is JSON; this one is not: ${(cause as Error).message}`);
  }
  const arrays = (doc as { arrays?: unknown } | null)?.arrays;
  if (typeof arrays !== 'object' || arrays === null || Array.isArray(arrays)) throw corrupt('A toy file holds an "arrays" object');
  return new Map(
    Object.entries(arrays).map(([name, a]) => {
      const { dtype, shape, data } = (a ?? {}) as Partial<ToyArray>;
      const fine =
        dtype === 'float32' &&
        Array.isArray(shape) &&
        shape.every((n) => Number.isInteger(n) && n >= 0) &&
        Array.isArray(data) &&
        data.length === sizeOf(shape) &&
        data.every((v) => typeof v === 'number');
      if (!fine) throw corrupt(`The array "${name}" is not { dtype: "float32", shape, data } with one number per element`, name);
      return [name, { dtype, shape, data }];
    }),
  );
}

/**
 * The toy framework's one file format: a JSON object `{"format":"toy","version":1,"arrays":{...}}`
 * of named float32 arrays (`layers.0.weight`), each `{ dtype, shape, data }`. Opens as a `Map` of
 * name to tensor.
 *
 * @example
 * ```ts
 * const bytes = toyCodec.write(new Map([['weight', w]]));
 * toyCodec.open(bytes); // Map { 'weight' => Tensor }
 * ```
 */
export const toyCodec: FormatCodec = {
  id: 'toy',
  title: 'toy JSON tensors',
  extensions: ['.toy.json'],
  detect: (head) => new TextDecoder().decode(head).startsWith(MAGIC),
  list: (source): FileArray[] =>
    [...parse(source.read(0, source.size))].map(([path, a]) => ({ path, dtype: a.dtype, shape: a.shape, byteLength: 4 * a.data.length })),
  open: (bytes) => new Map([...parse(bytes)].map(([name, a]) => [name, Tensor.fromArray(a.data, a.shape, 'float32')])),
  write(tree) {
    const arrays = Object.fromEntries(
      [...(tree as ReadonlyMap<string, Tensor>)].map(([name, t]) => [name, { dtype: 'float32', shape: t.shape, data: t.toArray() }]),
    );
    return new TextEncoder().encode(JSON.stringify({ format: 'toy', version: 1, arrays }));
  },
};
