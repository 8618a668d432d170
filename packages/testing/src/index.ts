/**
 * `@interop/testing`: the mapping tester and the golden-fixture loader for plugin tests.
 *
 * @packageDocumentation
 * @module @interop/testing
 */
export type {
  InvalidCase,
  MappingCases,
  MappingTester,
  MappingTesterOptions,
  Tolerance,
  ValidCase,
} from './mapping-tester/index.js';
export {
  bitDifference,
  checkInvalidCase,
  checkValidCase,
  closeDifference,
  collectTensors,
  createMappingTester,
  mappingTester,
} from './mapping-tester/index.js';
export * from './fixtures/index.js';
export * from './spec-errors/index.js';
