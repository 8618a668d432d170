import { InteropError } from '@interop/core';

/**
 * The spec `--arch` gave, or an `E_MISSING_ARCH` saying why this framework's files need one:
 * their trees do not name the layer types.
 */
export function requireSpec(spec: unknown, framework: string, why: string, example: string): unknown {
  if (spec !== undefined) return spec;
  throw new InteropError('E_MISSING_ARCH', `a ${framework} checkpoint needs its architecture: ${why}`, {
    fix: `Pass --arch SPEC.json with the ${framework} spec, e.g. ${example} (interop convert writes one beside every output as OUTPUT.arch.json)`,
  });
}

/** Refuses a format this framework does not write, naming the ones it does. */
export function formatError(framework: string, format: string, formats: readonly string[]): InteropError {
  return new InteropError('E_INVALID_ARGUMENT', `${framework} checkpoints are ${formats.join(' or ')}, not ${format}`, {
    fix: `Use --format / --out-format ${formats.join(' or ')}`,
  });
}
