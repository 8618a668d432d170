import { InteropError } from '@interop/core';
import type { FormatCodec, LoadedModel, TemplatePair, TensorTree } from '@interop/core';
import { memorySource } from '@interop/formats';
import type { CliContext, FrameworkFiles } from './context.js';
import { loadModel } from './load-model.js';

/**
 * `--rename 'REGEX=REPLACEMENT'` (repeatable) as `[pattern, replacement]` pairs. The last `=`
 * splits them (a pattern may hold `=`, as in `(?=...)`); `\1` in the replacement means `$1`.
 */
export function parseRenames(values: readonly string[] | undefined): Array<[RegExp, string]> {
  return (values ?? []).map((value) => {
    const at = value.lastIndexOf('=');
    const bad = (why: string) =>
      new InteropError('E_INVALID_ARGUMENT', `--rename "${value}" ${why}`, {
        expected: "'REGEX=REPLACEMENT', e.g. --rename '^Conv_0$=conv1' or --rename 'Dense_(\\d)=linear$1'",
        fix: 'Write the source path pattern, "=", and the template path it becomes',
      });
    if (at <= 0) throw bad('has no pattern before "="');
    try {
      return [new RegExp(value.slice(0, at)), value.slice(at + 1).replace(/\\(\d)/g, '$$$1')];
    } catch (cause) {
      throw bad(`is not a regular expression: ${(cause as Error).message}`);
    }
  });
}

/**
 * Reads `--like TEMPLATE` with the target framework's reader: with `--like-arch SPEC.json`, or
 * inferred from its names where the framework's files allow it.
 */
export async function loadTemplate(
  ctx: CliContext,
  path: string,
  files: FrameworkFiles,
  options: { arch: string | undefined; sampleInput: number[] | undefined },
): Promise<LoadedModel & { format: string; bytes: Uint8Array }> {
  try {
    return await loadModel(ctx, path, files, { arch: options.arch, sampleInput: options.sampleInput });
  } catch (error) {
    if (error instanceof InteropError && error.code === 'E_MISSING_ARCH' && options.arch === undefined) {
      throw new InteropError('E_MISSING_ARCH', `the template ${path} cannot be read without its architecture: ${error.summary}`, {
        path,
        fix: `Pass --like-arch SPEC.json with the template's ${files.framework} spec ({"type": "Module", "name": ..., "children": {...}, "forward": [...]})`,
      });
    }
    throw error;
  }
}

interface Leaf {
  path: string;
  dtype: string;
  shape: readonly number[];
}

/** The array leaves of a native file in file order: path (or index), dtype, shape. */
const leavesOf = (bytes: Uint8Array, codec: FormatCodec): Leaf[] => codec.list(memorySource(bytes));

const describe = (l: Leaf | undefined) => (l ? `${l.path} ${l.dtype} [${l.shape.join(', ')}]` : 'nothing');
const lines = (leaves: Leaf[]) => leaves.map(describe).join('\n');

function reorder(value: TensorTree, like: TensorTree | undefined): TensorTree {
  if (!(value instanceof Map) || !(like instanceof Map)) return value;
  const keys = [...like.keys()].filter((k) => value.has(k));
  const rest = [...value.keys()].filter((k) => !like.has(k));
  return new Map([...keys, ...rest].map((k) => [k, reorder(value.get(k)!, like.get(k))]));
}

/**
 * The output with its dicts in the template's key order, where the two hold the same leaves in
 * another order (a template saved after `jit` or optax has sorted keys; a writer may order a
 * layer's arrays otherwise): readers match by key, and the template's order is what was asked.
 * A format whose order is not the dicts' (safetensors sorts its tensors) comes back unchanged.
 */
export function orderLikeTemplate(output: Uint8Array, template: Uint8Array, codec: FormatCodec): Uint8Array {
  const a = leavesOf(output, codec).map(describe);
  const b = leavesOf(template, codec).map(describe);
  if (a.join('\n') === b.join('\n') || [...a].sort().join('\n') !== [...b].sort().join('\n')) return output;
  const reordered = codec.write(reorder(codec.open(output), codec.open(template)));
  return lines(leavesOf(reordered, codec)) === b.join('\n') ? reordered : output;
}

/**
 * Checks that the file about to be written has exactly the template's tree: the same leaves in
 * the same order with the same shapes and dtypes.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH at the first leaf that differs.
 */
export function checkSameTree(output: Uint8Array, template: Uint8Array, codec: FormatCodec, templatePath: string): void {
  const a = leavesOf(output, codec);
  const b = leavesOf(template, codec);
  const i = Array.from({ length: Math.max(a.length, b.length) }, (_, k) => k).find((k) => describe(a[k]) !== describe(b[k]));
  if (i === undefined) return;
  throw new InteropError(
    'E_FORMAT_MISMATCH',
    `The converted file would not have the tree of the template ${templatePath} (leaf ${i} of ${b.length})`,
    {
      expected: describe(b[i]),
      found: describe(a[i]),
      fix: 'Report this with both files: the target plugin wrote a tree other than the one it read',
    },
  );
}

/** The pairing as lines for people (`paired  Conv_0 -> conv1`). */
export function describePairs(pairs: readonly TemplatePair[]): string[] {
  const width = Math.max(...pairs.map((p) => (p.source || '(root)').length));
  return pairs.map((p) => `paired  ${(p.source || '(root)').padEnd(width)} -> ${p.template || '(root)'}${p.renamed ? ' (renamed)' : ''}`);
}
