import { dense } from './dense.js';
import { relu } from './relu.js';

/** The toy framework's layers, sorted: the one list of what it converts. */
export const mappings = { Dense: dense, ReLU: relu };
