import type { FormatCodec } from '@interop/core';
import { eqxCodec } from './eqx-codec.js';
import { msgpackCodec } from './msgpack-codec.js';
import { npyCodec } from './npy-codec.js';
import { npzCodec } from './npz-codec.js';
import { orbaxCodec } from './orbax-codec.js';
import { safetensorsCodec } from './safetensors-codec.js';

export { eqxCodec, msgpackCodec, npyCodec, npzCodec, orbaxCodec, safetensorsCodec };

/**
 * The codecs of this package, in the order a file's first bytes are tried: the `.npy` magic
 * (an `.npy`, else an Equinox stream), the zip magic, a safetensors header, a msgpack map.
 *
 * @example
 * ```ts
 * FORMAT_CODECS.find((c) => c.detect(head))?.id; // 'safetensors'
 * ```
 */
export const FORMAT_CODECS: readonly FormatCodec[] = Object.freeze([npyCodec, eqxCodec, npzCodec, safetensorsCodec, msgpackCodec]);
