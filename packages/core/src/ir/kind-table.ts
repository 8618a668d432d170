import { BUILTIN_KINDS } from './builtin/index.js';
import type { AnyKindDefinition, KindTable } from './define-kind.js';

/** Options of the functions that read kinds: the plugin kinds to know besides the built-in ones. */
export interface KindOptions {
  /** Plugin kind definitions by name, e.g. `registry.kinds()`; built-in kinds are always known. */
  kinds?: KindTable | undefined;
}

/** The definition of `kind`: a built-in one, else one of `kinds`; `undefined` when neither has it. */
export function findKind(kind: string, kinds?: KindTable): AnyKindDefinition | undefined {
  if (Object.hasOwn(BUILTIN_KINDS, kind)) return (BUILTIN_KINDS as KindTable)[kind];
  return kinds !== undefined && Object.hasOwn(kinds, kind) ? kinds[kind] : undefined;
}
