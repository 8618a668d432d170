/**
 * `noun` after "a" or "an" as it is read aloud: "an" before a vowel, and before an acronym whose
 * first letter is named with one ("an NNX", "an HDF5"); "a" otherwise ("a Linen", "a BrainState").
 *
 * @example
 * ```ts
 * `takes ${withArticle('NNX')} model`; // "takes an NNX model"
 * ```
 */
export function withArticle(noun: string): string {
  const an = /^[aeiou]/i.test(noun) || /^[FHLMNRSX][A-Z0-9]/.test(noun);
  return `${an ? 'an' : 'a'} ${noun}`;
}
