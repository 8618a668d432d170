export type { SpecRefusal, SpecTypeSuggestion } from './spec-type-suggestion.js';
export { expectSpecTypeSuggestion, expectSpecTypesListedWithoutGuess, specRefusal } from './spec-type-suggestion.js';
