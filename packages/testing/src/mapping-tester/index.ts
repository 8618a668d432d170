export { checkInvalidCase, checkValidCase } from './check-case.js';
export { collectTensors } from './collect-tensors.js';
export type { Tolerance } from './compare.js';
export { bitDifference, closeDifference } from './compare.js';
export type { MappingTester } from './mapping-tester.js';
export { createMappingTester, mappingTester } from './mapping-tester.js';
export type { InvalidCase, MappingCases, MappingTesterOptions, ValidCase } from './types.js';
