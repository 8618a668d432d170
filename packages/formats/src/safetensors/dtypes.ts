import type { DType } from '@interop/core';

/** safetensors dtype names of the dtypes we hold. */
export const SAFETENSORS_DTYPE: Readonly<Record<DType, string>> = {
  bool: 'BOOL',
  uint8: 'U8',
  int8: 'I8',
  int16: 'I16',
  uint16: 'U16',
  float16: 'F16',
  bfloat16: 'BF16',
  int32: 'I32',
  uint32: 'U32',
  float32: 'F32',
  float64: 'F64',
  int64: 'I64',
  uint64: 'U64',
};

// Rank of each dtype in the Rust library's `Dtype` enum: its writer orders tensors by this
// (descending), then by name, so matching it reproduces Python's bytes.
export const DTYPE_RANK: Readonly<Record<DType, number>> = {
  bool: 0,
  uint8: 4,
  int8: 5,
  int16: 9,
  uint16: 10,
  float16: 11,
  bfloat16: 12,
  int32: 13,
  uint32: 14,
  float32: 15,
  float64: 17,
  int64: 18,
  uint64: 19,
};

/**
 * The dtype of a safetensors dtype name, or `undefined` when we cannot hold it.
 *
 * @example
 * ```ts
 * dtypeOfSafetensors('BF16'); // 'bfloat16'
 * ```
 */
export function dtypeOfSafetensors(name: string): DType | undefined {
  for (const [d, n] of Object.entries(SAFETENSORS_DTYPE)) if (n === name) return d as DType;
  return undefined;
}
