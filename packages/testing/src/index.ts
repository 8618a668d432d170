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
