import { interopProject } from '../../tooling/vitest/project.js';

export default interopProject('@interop/flax');
