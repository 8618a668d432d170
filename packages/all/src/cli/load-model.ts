import { existsSync } from 'node:fs';
import { InteropError } from '@interop/core';
import { detectFormat } from '@interop/formats';
import type { FrameworkFiles, LoadedModel, NativeFormat } from '../files/types.js';
import type { CliContext } from './context.js';
import { readFileWithProgress } from './progress.js';

const FORMATS: readonly NativeFormat[] = ['msgpack', 'safetensors', 'eqx'];
const OWNERS: Readonly<Record<string, string>> = { msgpack: 'linen, nnx or brainstate', safetensors: 'linen, nnx or brainstate', npy: 'equinox' };

/** The plugin for `--from`/`--to`, or an error listing the frameworks there are. */
export function frameworkFiles(ctx: CliContext, name: string | undefined, flag: string): FrameworkFiles {
  const known = Object.keys(ctx.files);
  if (name === undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} is required`, { expected: known.join(', '), fix: `Pass ${flag} with one of ${known.join(', ')}` });
  }
  const files = ctx.files[name];
  if (!files) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} "${name}" is not a framework interop knows`, {
      expected: known.join(', '),
      fix: `Pass ${flag} with one of ${known.join(', ')}`,
    });
  }
  return files;
}

/** `--format`, checked against what the framework reads. */
export function formatFlag(value: string | undefined, files: FrameworkFiles, flag = '--format'): NativeFormat | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value) || !files.formats.includes(value as NativeFormat)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} "${value}" is not a ${files.framework} format`, {
      expected: files.formats.join(', '),
      fix: `Pass ${flag} ${files.formats.join(' or ')}, or leave it out to detect it`,
    });
  }
  return value as NativeFormat;
}

/** The file's format: given, or recognised from its first bytes and checked against the framework. */
function formatOf(bytes: Uint8Array, files: FrameworkFiles, path: string): NativeFormat {
  const seen = detectFormat(bytes.subarray(0, 16));
  const native: NativeFormat | undefined =
    seen === 'msgpack' || seen === 'safetensors' ? seen : (seen === 'npy' || bytes.length === 0) && files.formats.includes('eqx') ? 'eqx' : undefined;
  if (native && files.formats.includes(native)) return native;
  const what = seen === 'npy' ? 'an .npy / .eqx leaf stream' : seen ? `a ${seen} file` : 'not a checkpoint format interop recognises';
  const owner = seen ? OWNERS[seen] : undefined;
  throw new InteropError('E_FORMAT_MISMATCH', `${path} is ${what}, but ${files.framework} checkpoints are ${files.formats.join(' or ')}`, {
    path,
    expected: files.formats.join(' or '),
    fix: owner ? `Check --from: this file looks like one of ${owner}` : 'Check that the file is a checkpoint and not truncated or corrupted',
  });
}

/** Reads `--arch SPEC.json`; a missing file or bad JSON is an error naming it. */
export async function readSpec(ctx: CliContext, path: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readFileWithProgress(path, false));
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new InteropError('E_INVALID_SPEC', `${path} is not valid JSON: ${(cause as Error).message}`, {
      path,
      fix: 'Pass a spec such as {"type": "Sequential", "layers": [{"type": "Dense", "features": 8}]}',
    });
  }
}

/** Where `interop convert` puts an output's architecture. */
export const archPathOf = (output: string): string => `${output}.arch.json`;

/** Loads a model file of `files.framework`, with the spec from `arch`, `FILE.arch.json` (when `besideArch`) or inference. */
export async function loadModel(
  ctx: CliContext,
  path: string,
  files: FrameworkFiles,
  options: { format?: NativeFormat | undefined; arch?: string | undefined; besideArch?: boolean; sampleInput?: number[] | undefined },
): Promise<LoadedModel & { format: NativeFormat; bytes: Uint8Array }> {
  const bytes = await readFileWithProgress(path, ctx.progress);
  const format = options.format ?? formatOf(bytes, files, path);
  const archPath = options.arch ?? (options.besideArch && existsSync(archPathOf(path)) ? archPathOf(path) : undefined);
  const spec = archPath === undefined ? undefined : await readSpec(ctx, archPath);
  try {
    return { ...files.read(bytes, format, spec, { sampleInput: options.sampleInput }), format, bytes };
  } catch (error) {
    if (error instanceof InteropError && error.details.path === undefined && error.code.startsWith('E_FORMAT')) throw error.at(path);
    if (error instanceof InteropError && error.code === 'E_MISSING_ARCH' && spec === undefined && !/--arch/.test(error.message)) {
      const reason = error.message.replace(/ See docs\/errors\.md#\S+$/, '');
      throw new InteropError('E_MISSING_ARCH', `${path}: the architecture cannot be read off the file: ${reason}`, {
        path,
        fix: `Pass --arch SPEC.json with the ${files.framework} spec (interop convert writes one beside every output as OUTPUT.arch.json)`,
      });
    }
    throw error;
  }
}
