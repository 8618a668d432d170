import type { FileArray, FileLayout, Tensor } from '@interop/core';
import { readSafetensorsHeader } from '../safetensors/read-safetensors.js';
import { safetensorsLayout } from '../safetensors/write-safetensors.js';

/**
 * A safetensors file laid out from shapes, as `safetensors.numpy.save` writes it: the header,
 * then each tensor's data block by block; the bytes of `writeSafetensors`. `arrays` is read back
 * from the header just built (what `list()` gives) on first use, so a writer that never asks
 * (`saveSafetensors`) does not parse it.
 */
export function safetensorsFileLayout(
  tensors: ReadonlyMap<string, Tensor> | Readonly<Record<string, Tensor>>,
  metadata?: ReadonlyMap<string, string> | Readonly<Record<string, string>> | null,
): FileLayout {
  const layout = safetensorsLayout(tensors, metadata);
  let arrays: FileArray[] | undefined;
  return {
    byteLength: layout.byteLength,
    get arrays() {
      arrays ??= readSafetensorsHeader(layout.header, layout.byteLength).entries.map((e) => ({
        path: e.name,
        dtype: e.dtype,
        shape: e.shape,
        byteLength: e.end - e.begin,
      }));
      return arrays;
    },
    async write(sink) {
      await sink.bytes(layout.header);
      for (const t of layout.tensors) await sink.tensor(t);
    },
  };
}
