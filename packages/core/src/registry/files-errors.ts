import { withArticle } from '../errors/article.js';
import { InteropError } from '../errors/interop-error.js';
import type { FormatCodec } from './files.js';

/**
 * For a plugin's `files.read`: the spec `--arch` gave, or an `E_MISSING_ARCH` saying why this
 * framework's files need one (their trees do not name the layer types). `framework` is the name
 * as prose writes it (`Equinox`, `NNX`), as messages show it.
 *
 * @throws {InteropError} E_MISSING_ARCH naming the framework, the reason and an example spec.
 * @example
 * ```ts
 * const given = requireSpec(spec, 'Equinox', 'an .eqx leaf stream has no names', '{"type": "Linear", ...}');
 * ```
 */
export function requireSpec(spec: unknown, framework: string, why: string, example: string): unknown {
  if (spec !== undefined) return spec;
  throw new InteropError('E_MISSING_ARCH', `${withArticle(framework)} checkpoint needs its architecture: ${why}`, {
    fix: `Pass --arch SPEC.json with the ${framework} spec, e.g. ${example} (interop convert writes one beside every output as OUTPUT.arch.json)`,
  });
}

/**
 * For a plugin's `files.read` / `files.write`: refuses a format this framework does not write,
 * naming the ones it does.
 *
 * @example
 * ```ts
 * if (!formats.some((c) => c.id === format)) throw unsupportedFormat('nnx', format, formats);
 * ```
 */
export function unsupportedFormat(framework: string, format: string, formats: readonly FormatCodec[]): InteropError {
  const ids = formats.map((c) => c.id);
  return new InteropError('E_INVALID_ARGUMENT', `${framework} checkpoints are ${ids.join(' or ')}, not ${format}`, {
    fix: `Use --format / --out-format ${ids.join(' or ')}`,
  });
}

/**
 * For a plugin's `files.read` / `files.write`: refuses a directory format (Orbax) given as bytes,
 * saying to open the directory instead.
 *
 * @example
 * ```ts
 * if (format === 'orbax') throw directoryAsBytes('nnx', format);
 * ```
 */
export function directoryAsBytes(framework: string, format: string): InteropError {
  return new InteropError('E_INVALID_ARGUMENT', `${format} checkpoints are directories, not bytes`, {
    fix: `Open the directory (interop.load(dir, { framework: '${framework}' }), or readTree on the ${format} codec's open(dir).tree)`,
  });
}
