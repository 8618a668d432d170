import { existsSync } from 'node:fs';
import { InteropError, withArticle } from '@interop/core';
import type { FormatCodec, LoadedModel } from '@interop/core';
import { archPathOf } from '../interop/file-api.js';
import type { CliContext, FrameworkFiles } from './context.js';
import { atPath, openInput } from './open-input.js';
import type { OpenedInput, SelectOptions } from './open-input.js';
import { readFileWithProgress } from './progress.js';

/** The plugin for `--from`/`--to`, or an error listing the frameworks there are. */
export function frameworkFiles(ctx: CliContext, name: string | undefined, flag: string): FrameworkFiles {
  const known = Object.keys(ctx.files);
  if (name === undefined) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} is required`, {
      expected: known.join(', '),
      fix: `Pass ${flag} with one of ${known.join(', ')}`,
    });
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

/** The ids of a framework's formats, its directory formats (Orbax) last. */
export const formatIds = (files: FrameworkFiles): string[] => [...files.formats, ...(files.directories ?? [])].map((c) => c.id);

/** The codec of one of a framework's formats. */
export const codecOf = (files: FrameworkFiles, format: string): FormatCodec => files.formats.find((c) => c.id === format)!;

/** `--format`, checked against what the framework reads. */
export function formatFlag(value: string | undefined, files: FrameworkFiles, flag = '--format'): string | undefined {
  if (value === undefined) return undefined;
  const ids = formatIds(files);
  if (!ids.includes(value)) {
    throw new InteropError('E_INVALID_ARGUMENT', `${flag} "${value}" is not ${withArticle(files.title)} format`, {
      expected: ids.join(', '),
      fix: `Pass ${flag} ${ids.join(' or ')}, or leave it out to detect it`,
    });
  }
  return value;
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

export { archPathOf } from '../interop/file-api.js';

/** A model read from an input file, with the opened input (close it once the output is written). */
export interface InputModel extends LoadedModel {
  format: string;
  input: OpenedInput;
}

/**
 * Loads a model file of `files.framework`, with the spec from `arch`, `FILE.arch.json` (when
 * `besideArch`) or inference; a directory (Orbax) at the step and item `select` picks. The input stays open (its tensors are lazy where the formats
 * stream): close `input` in a `finally` once nothing more is read from it.
 */
export async function loadModel(
  ctx: CliContext,
  path: string,
  files: FrameworkFiles,
  options: {
    format?: string | undefined;
    arch?: string | undefined;
    besideArch?: boolean;
    sampleInput?: number[] | undefined;
    select?: SelectOptions;
  },
): Promise<InputModel> {
  const archPath = options.arch ?? (options.besideArch && existsSync(archPathOf(path)) ? archPathOf(path) : undefined);
  const input = await openInput(ctx, path, files, options.format, options.select);
  try {
    const spec = archPath === undefined ? undefined : await readSpec(ctx, archPath);
    const hints = { sampleInput: options.sampleInput };
    const loaded = atPath(path, () =>
      input.tree !== undefined
        ? files.readTree!(input.tree, input.format, spec, hints)
        : files.read(input.bytes!, input.format, spec, hints),
    );
    return { ...loaded, format: input.format, input };
  } catch (error) {
    await input.close();
    if (error instanceof InteropError && error.code === 'E_MISSING_ARCH' && archPath === undefined && !/--arch/.test(error.message)) {
      const reason = error.message.replace(/ See docs\/errors\.md#\S+$/, '');
      throw new InteropError('E_MISSING_ARCH', `${path}: the architecture cannot be read off the file: ${reason}`, {
        path,
        fix: `Pass --arch SPEC.json with the ${files.title} spec (interop convert writes one beside every output as OUTPUT.arch.json)`,
      });
    }
    throw error;
  }
}
