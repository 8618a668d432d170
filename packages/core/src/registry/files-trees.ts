import type { Tensor } from '../tensor/tensor.js';
import type { FormatCodec } from './files.js';
import { unsupportedFormat } from './files-errors.js';
import type { FileLayout, TensorSink } from './files-stream.js';

/**
 * The codec of `format` among a framework's formats, for a files part whose `read` / `write`
 * are `codec.open` / `codec.write` around its `readTree` / `writeTree`.
 *
 * @throws {InteropError} E_INVALID_ARGUMENT naming the formats the framework has.
 * @example
 * ```ts
 * read: (bytes, format, spec, hints) => readTree(formatCodec(FORMATS, format, 'linen').open(bytes), format, spec, hints),
 * ```
 */
export function formatCodec(formats: readonly FormatCodec[], format: string, framework: string): FormatCodec {
  const codec = formats.find((c) => c.id === format);
  if (!codec) throw unsupportedFormat(framework, format, formats);
  return codec;
}

/** A sink that keeps everything in one buffer of the layout's size. */
class MemorySink implements TensorSink {
  position = 0;
  constructor(readonly out: Uint8Array) {}

  async bytes(bytes: Uint8Array): Promise<void> {
    this.out.set(bytes, this.position);
    this.position += bytes.length;
  }

  async tensor(t: Tensor, start = 0, length = t.byteLength - start, observe?: (block: Uint8Array) => void): Promise<void> {
    const target = this.out.subarray(this.position, this.position + length);
    t.readBytes(start, target);
    observe?.(target);
    this.position += length;
  }

  async patch(position: number, bytes: Uint8Array): Promise<void> {
    this.out.set(bytes, position);
  }
}

/**
 * The bytes a {@link FileLayout} writes, in memory: for a browser, or to compare a streaming
 * writer with `FormatCodec.write`.
 *
 * @example
 * ```ts
 * const bytes = await layoutBytes(codec.layout!(tree)); // equal to codec.write(tree)
 * ```
 */
export async function layoutBytes(layout: FileLayout): Promise<Uint8Array> {
  const sink = new MemorySink(new Uint8Array(layout.byteLength));
  await layout.write(sink);
  return sink.out;
}
