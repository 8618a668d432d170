/** Progress of a long read or write, in bytes. */
export interface ProgressEvent {
  /** Bytes done so far. */
  done: number;
  /** Bytes in total. */
  total: number;
}

/** Called as a long read or write advances (at most once per block, and once at the end). */
export type ProgressCallback = (event: ProgressEvent) => void;
