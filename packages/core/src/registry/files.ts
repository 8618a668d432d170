import type { Tensor } from '../tensor/tensor.js';
import type { DirectoryCodec } from './files-directory.js';
import type { FileLayout } from './files-stream.js';

/**
 * Random access to a file's bytes, which codecs list arrays from without loading them.
 * `@interop/formats`' `memorySource` and `fileSource` are ones.
 *
 * @example
 * ```ts
 * const source: FileSource = { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
 * ```
 */
export interface FileSource {
  /** Total size in bytes. */
  readonly size: number;
  /** `length` bytes at `offset`; the view may be reused by the next call. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Fills all of `target` with the bytes at `offset`, without an intermediate copy (lazy tensors
   * read their blocks through it when present, else through {@link FileSource.read}).
   */
  readInto?(offset: number, target: Uint8Array): void;
}

/** One array of a file as a codec lists it, without loading its data. */
export interface FileArray {
  /** Tree path (`params/Dense_0/kernel`), tensor name, or `leaf 3` for an unnamed leaf. */
  path: string;
  /** Element type, as the format names it when it is not one of ours. */
  dtype: string;
  /** The array shape. */
  shape: readonly number[];
  /** Bytes of element data. */
  byteLength: number;
}

/**
 * What a codec opens and writes: tensors at the leaves of named branches (a `Map`, in file
 * order) and positional ones (an array). Leaves that are not arrays (numbers, strings, a
 * format's own values such as msgpack extensions) are kept as the codec reads them.
 */
export type TensorTree =
  | Tensor
  | ReadonlyMap<string, TensorTree>
  | readonly TensorTree[]
  | number
  | bigint
  | string
  | boolean
  | null
  | object;

/** Options a codec takes when listing or opening: `limits` bounds sizes, counts and depth. */
export interface CodecOptions {
  /** Size, count and depth bounds (`@interop/formats`' `ReadLimits`); defaults when absent. */
  limits?: { readonly [bound: string]: number | undefined };
}

/**
 * A checkpoint file format: how to recognise it, list its arrays, open it as a tree of tensors
 * and write one; optionally also open it lazily from a {@link FileSource} and write it streaming
 * through a {@link FileLayout} (what `interop convert` uses, so files of any size convert in
 * bounded memory; without these members the CLI reads and writes whole bytes). `@interop/formats` exports the codecs several frameworks share (`msgpackCodec`,
 * `safetensorsCodec`, `eqxCodec`, ...); a plugin brings its own in `files.formats`.
 *
 * @example
 * ```ts
 * const codec: FormatCodec = {
 *   id: 'toy', title: 'Toy JSON tensors', extensions: ['.toy.json'],
 *   detect: (head) => new TextDecoder().decode(head).startsWith('{"format":"toy"'),
 *   list: (source) => listToy(source.read(0, source.size)),
 *   open: (bytes) => readToy(bytes),
 *   write: (tree) => writeToy(tree as Map<string, Tensor>),
 * };
 * ```
 */
export interface FormatCodec {
  /** What `--format` names and messages show (`msgpack`, `safetensors`, `eqx`). */
  readonly id: string;
  /** What `interop inspect` calls the format (`Flax msgpack (flax.serialization / braintools)`). */
  readonly title: string;
  /** How messages name a file of this format; `a <id> file` when absent. */
  readonly noun?: string;
  /** File name endings that make `interop convert` write this format (`.safetensors`). */
  readonly extensions?: readonly string[];
  /** True when a file that starts with `head` (its first 16 bytes, fewer for a shorter file) is of this format. */
  detect(head: Uint8Array): boolean;
  /**
   * For a format another format's bytes look like (a `.npy` file is a one-leaf `.eqx` stream):
   * whether a file whose first detected codec listed `arrays` is this format. Absent means yes.
   */
  fits?(arrays: readonly FileArray[]): boolean;
  /** The file's arrays in file order, read from headers without loading array data. */
  list(source: FileSource, options?: CodecOptions): FileArray[];
  /** The file as a tree of tensors. */
  open(bytes: Uint8Array, options?: CodecOptions): TensorTree;
  /** A file of this format holding `tree`, as {@link FormatCodec.open} gives it. */
  write(tree: TensorTree): Uint8Array;
  /**
   * The file behind `source` as {@link FormatCodec.open} gives it, but with lazy tensors
   * (`Tensor.fromSource`) that read their bytes from `source` only when needed: keep the source
   * open until every tensor taken from it is written or released.
   */
  openSource?(source: FileSource, options?: CodecOptions): TensorTree;
  /**
   * How the file of `tree` is laid out: its size and arrays from shapes and dtypes alone, and a
   * writer that fills it front to back into a {@link TensorSink}, tensor data block by block.
   * The bytes are exactly {@link FormatCodec.write}'s.
   */
  layout?(tree: TensorTree): FileLayout;
}

/** What a plugin's files part reads besides the file and its spec. */
export interface ReadHints {
  /** One unbatched channels-last example shape, where sizes are not stored in the file. */
  sampleInput?: number[] | undefined;
}

/** A model read from a native file, in the form its plugin converts. */
export interface LoadedModel {
  /** What the plugin's conversions take (Linen: `[module, variables]`). */
  model: unknown;
  /** The architecture as a spec (`{ "type": "Dense", "features": 8 }`). */
  spec: unknown;
  /** Defaults an inferred architecture had to assume; empty when the spec was given. */
  assumed: string[];
}

/** A model's native file and its architecture spec. */
export interface WrittenModel {
  bytes: Uint8Array;
  spec: unknown;
}

/** A model as the tree its native file holds (what a codec writes) and its architecture spec. */
export interface WrittenTree {
  tree: TensorTree;
  spec: unknown;
}

/**
 * The files part of a plugin: the formats its framework reads and writes, its architecture
 * specs, and a batched forward pass, which is all the `interop` CLI needs of a framework
 * (`convert --from`, `--to`, `verify`). With `readTree` and `writeTree` the CLI streams: it
 * opens files lazily (`FormatCodec.openSource`) and writes through `FormatCodec.layout`; `read`
 * and `write` are then `codec.open` / `codec.write` around them.
 *
 * @example
 * ```ts
 * definePlugin({ meta, adapter, mappings, files: { formats: [toyCodec], read, readTree, fromSpec, write, writeTree, forward } });
 * ```
 */
export interface PluginFiles {
  /** Formats it reads and writes; the first is what `convert` writes by default. */
  formats: readonly FormatCodec[];
  /**
   * Directory formats it reads and writes (Orbax), through `readTree` / `writeTree` with the
   * codec's id; never the default output.
   */
  directories?: readonly DirectoryCodec[];
  /**
   * Builds the model from a file's bytes (of `format`, one of {@link PluginFiles.formats}' ids)
   * and a spec, or infers the spec when the file allows.
   *
   * @throws {InteropError} E_MISSING_ARCH when the file does not say what the spec would.
   */
  read(bytes: Uint8Array, format: string, spec: unknown, hints?: ReadHints): LoadedModel;
  /**
   * Builds the model from a file's tree, as the codec of `format` opens it (lazy tensors pass
   * into the model untouched), and a spec, or infers the spec when the tree allows.
   *
   * @throws {InteropError} E_MISSING_ARCH when the file does not say what the spec would.
   */
  readTree?(tree: TensorTree, format: string, spec: unknown, hints?: ReadHints): LoadedModel;
  /** The model a spec describes, with the framework's default initial weights. */
  fromSpec(spec: unknown): unknown;
  /** The model's native file of `format` and its spec. */
  write(model: unknown, format: string): WrittenModel;
  /** The tree the model's native file of `format` holds (for the codec to write) and its spec. */
  writeTree?(model: unknown, format: string): WrittenTree;
  /** Runs the model in inference mode on a batched, channels-last input. */
  forward(model: unknown, x: Tensor): Tensor;
}
