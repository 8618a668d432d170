import { BUILTIN_IR_KINDS } from '@interop/core';
import type { CliIO } from '../io.js';

/**
 * `interop demo`: the seed notebook's walkthrough. Until the framework plugins land it states
 * what is available, as the Quick start promises.
 */
export async function demoCommand(io: CliIO): Promise<number> {
  io.out('interop demo: the framework plugins (brainstate, nnx, linen, equinox) are not wired into');
  io.out('@interop/all yet, so the seed walkthrough cannot run. Available now:');
  io.out(`  IR kinds: ${BUILTIN_IR_KINDS.join(', ')}`);
  io.out('  interop inspect FILE   lists any Flax msgpack, .npy, .eqx, .npz or safetensors checkpoint');
  return 0;
}
