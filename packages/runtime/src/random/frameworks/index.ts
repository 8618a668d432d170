export { sha1 } from './sha1.js';
