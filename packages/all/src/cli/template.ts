import { InteropError } from '@interop/core';
import type { FileArray, FormatCodec, TemplatePair, TensorTree } from '@interop/core';
import { memorySource } from '@interop/formats';
import type { CliContext, FrameworkFiles } from './context.js';
import { loadModel } from './load-model.js';
import type { InputModel } from './load-model.js';
import type { OpenedInput } from './open-input.js';
import { outputArrays } from './output-file.js';
import type { PreparedOutput } from './output-file.js';

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
): Promise<InputModel> {
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

type Leaf = Pick<FileArray, 'path' | 'dtype' | 'shape'>;

/** The array leaves of a native file in file order: path (or index), dtype, shape. */
const leavesOf = (bytes: Uint8Array, codec: FormatCodec): Leaf[] => codec.list(memorySource(bytes));

const describe = (l: Leaf | undefined) => (l ? `${l.path} ${l.dtype} [${l.shape.join(', ')}]` : 'nothing');
const lines = (leaves: readonly Leaf[]) => leaves.map(describe).join('\n');

// Keys match by their text: a tree a plugin writes may key a list by number where the file
// read back has strings.
function reorder(value: TensorTree, like: TensorTree | undefined): TensorTree {
  if (!(value instanceof Map) || !(like instanceof Map)) return value;
  const own = new Map([...value.keys()].map((k) => [String(k), k]));
  const theirs = new Map([...like.keys()].map((k) => [String(k), k]));
  const keys = [...theirs.keys()].filter((k) => own.has(k));
  const rest = [...own.keys()].filter((k) => !theirs.has(k));
  return new Map([...keys, ...rest].map((k) => [own.get(k), reorder(value.get(own.get(k))!, like.get(theirs.get(k)))]));
}

/** True when `a` holds the leaves of `b` in another order, so that reordering may give `b`. */
function onlyOrderDiffers(a: readonly Leaf[], b: readonly Leaf[]): boolean {
  const x = a.map(describe);
  const y = b.map(describe);
  return x.join('\n') !== y.join('\n') && [...x].sort().join('\n') === [...y].sort().join('\n');
}

/**
 * The output with its dicts in the template's key order, where the two hold the same leaves in
 * another order (a template saved after `jit` or optax has sorted keys; a writer may order a
 * layer's arrays otherwise): readers match by key, and the template's order is what was asked.
 * A format whose order is not the dicts' (safetensors sorts its tensors) comes back unchanged.
 */
export function orderLikeTemplate(output: Uint8Array, template: Uint8Array, codec: FormatCodec): Uint8Array {
  const b = leavesOf(template, codec);
  if (!onlyOrderDiffers(leavesOf(output, codec), b)) return output;
  const reordered = codec.write(reorder(codec.open(output), codec.open(template)));
  return lines(leavesOf(reordered, codec)) === lines(b) ? reordered : output;
}

/**
 * {@link orderLikeTemplate} on the output about to be written (its tree, laid out, or its
 * bytes) and the opened template (its tree and arrays; never read whole when it streams).
 */
export function orderOutputLikeTemplate(output: PreparedOutput, template: OpenedInput): PreparedOutput {
  const b = template.arrays();
  if (!onlyOrderDiffers(outputArrays(output), b)) return output;
  const like = template.tree ?? output.codec.open(template.bytes!);
  const reordered: PreparedOutput =
    output.tree !== undefined
      ? { ...output, tree: reorder(output.tree, like) }
      : { ...output, bytes: output.codec.write(reorder(output.codec.open(output.bytes!), like)) };
  return lines(outputArrays(reordered)) === lines(b) ? reordered : output;
}

/**
 * Checks that the file about to be written has exactly the template's tree: the same leaves in
 * the same order with the same shapes and dtypes.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH at the first leaf that differs.
 */
export function checkSameTree(output: Uint8Array, template: Uint8Array, codec: FormatCodec, templatePath: string): void {
  checkSameArrays(leavesOf(output, codec), leavesOf(template, codec), templatePath);
}

/**
 * {@link checkSameTree} on array lists: the output's (`outputArrays`) and the template's.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH at the first leaf that differs.
 */
export function checkSameArrays(a: readonly Leaf[], b: readonly Leaf[], templatePath: string): void {
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
