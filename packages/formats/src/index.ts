export type { ReadLimits } from './limits.js';
export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
export type { NpyHeader } from './npy/header.js';
export { buildNpyHeader, parseNpyHeader } from './npy/header.js';
export { dtypeOfNpyDescr, npyDescrOf } from './npy/descr.js';
export type { NpyRecord, ReadNpyOptions } from './npy/read-npy.js';
export { readNpy, readNpyRecord } from './npy/read-npy.js';
export { writeNpy } from './npy/write-npy.js';
