// NNX computes in the dtype Flax's rules give (`@interop/flax`'s `resultDtype`), as Linen does.
export { resultDtype } from '@interop/flax';
export type { DtypeOptions } from '@interop/flax';
export { castTo } from '@interop/runtime';
