/**
 * `@interop/formats`: checkpoint codecs: Flax msgpack, .npy/.npz, Equinox leaf streams, safetensors, Orbax.
 *
 * @packageDocumentation
 * @module @interop/formats
 */
export type { ReadLimits } from './limits.js';
export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
export type { NpyHeader } from './npy/header.js';
export { buildNpyHeader, parseNpyHeader } from './npy/header.js';
export { dtypeOfNpyDescr, npyDescrOf } from './npy/descr.js';
export type { NpyRecord, ReadNpyOptions } from './npy/read-npy.js';
export { readNpy, readNpyRecord } from './npy/read-npy.js';
export { writeNpy } from './npy/write-npy.js';
export type { NpyFile } from './npy/npy-file.js';
export { openNpy } from './npy/npy-file.js';
export { saveNpy } from './npy/save-npy.js';
export type { AtomicWriteOptions } from './io/atomic-write.js';
export { assertNotInput, writeBytesAtomic, writeFileAtomic } from './io/atomic-write.js';
export type { BlockFill, StreamWriteOptions } from './io/output-stream.js';
export { OutputStream, writeStreamAtomic } from './io/output-stream.js';
export type { FileRange } from './io/range-source.js';
export { fileRangeSource } from './io/range-source.js';
export type { ProgressCallback, ProgressEvent } from './io/progress.js';
export type { ByteSource } from './msgpack/byte-source.js';
export { fileSource, memorySource } from './msgpack/byte-source.js';
export { FLAX_MAX_CHUNK_BYTES } from './msgpack/chunked.js';
export type { EncodeFlaxOptions } from './msgpack/encode-tree.js';
export { FlaxMsgpackFile, openFlaxMsgpack } from './msgpack/flax-file.js';
export type { ReadFlaxOptions } from './msgpack/read-flax.js';
export { loadLazyArray, readFlaxMsgpack, scanFlaxMsgpack } from './msgpack/read-flax.js';
export type { TreeEntry } from './msgpack/tree.js';
export { getAtPath, listTree, mapLazyArrays } from './msgpack/tree.js';
export type { ByteRange, MsgpackInput, MsgpackMap, MsgpackValue } from './msgpack/values.js';
export { ComplexValue, ExtValue, LazyArray, NumpyScalar } from './msgpack/values.js';
export type { SaveFlaxOptions, WriteFlaxOptions } from './msgpack/write-flax.js';
export { saveFlaxMsgpack, writeFlaxMsgpack } from './msgpack/write-flax.js';
export type { EqxLeaf, LeafSpec, ReadEqxOptions } from './eqx/eqx-leaves.js';
export { readEqxLeaves, splitNpyStream, writeEqxLeaves } from './eqx/eqx-leaves.js';
export type { EqxFile } from './eqx/eqx-file.js';
export { openEqxLeaves } from './eqx/eqx-file.js';
export { saveEqxLeaves } from './eqx/save-eqx.js';
export type { ReadNpzOptions, WriteNpzOptions } from './npz/npz.js';
export { readNpz, writeNpz } from './npz/npz.js';
export type { NpzFile } from './npz/npz-file.js';
export { openNpz } from './npz/npz-file.js';
export type { SaveNpzOptions } from './npz/save-npz.js';
export { saveNpz } from './npz/save-npz.js';
export type {
  ReadSafetensorsOptions,
  Safetensors,
  SafetensorsEntry,
  SafetensorsHeader,
} from './safetensors/read-safetensors.js';
export { readSafetensors, readSafetensorsHeader } from './safetensors/read-safetensors.js';
export { writeSafetensors } from './safetensors/write-safetensors.js';
export type { SafetensorsFile } from './safetensors/safetensors-file.js';
export { openSafetensors } from './safetensors/safetensors-file.js';
export { saveSafetensors } from './safetensors/save-safetensors.js';
export type { FileFormat } from './inspect/detect-format.js';
export { detectFormat } from './inspect/detect-format.js';
export { FORMAT_CODECS, eqxCodec, msgpackCodec, npyCodec, npzCodec, orbaxCodec, safetensorsCodec } from './codecs/index.js';
export type { FileInspection, InspectOptions, InspectedArray } from './inspect/inspect-file.js';
export { inspectFile } from './inspect/inspect-file.js';
export type { OpenOrbaxOptions } from './orbax/open-orbax.js';
export { openOrbaxCheckpoint } from './orbax/open-orbax.js';
export type { OrbaxLayout } from './orbax/orbax-checkpoint.js';
export { OrbaxCheckpoint } from './orbax/orbax-checkpoint.js';
export { OrbaxArray } from './orbax/orbax-leaf.js';
export type { OrbaxSelectOptions, ResolvedItem } from './orbax/layout.js';
export { resolveOrbaxItem } from './orbax/layout.js';
export type { ZarrArrayMeta, ChunkCodec } from './orbax/zarr-metadata.js';
export type { SaveOrbaxOptions } from './orbax/save-orbax.js';
export { saveOrbaxCheckpoint } from './orbax/save-orbax.js';
