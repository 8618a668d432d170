import { InteropError } from '@interop/core';
import type { TemplatePair } from '@interop/core';
import { listTree, memorySource, readFlaxMsgpack, readSafetensorsHeader, scanFlaxMsgpack, splitNpyStream, writeFlaxMsgpack } from '@interop/formats';
import type { MsgpackValue } from '@interop/formats';
import type { FrameworkFiles, LoadedModel, NativeFormat } from '../files/types.js';
import type { CliContext } from './context.js';
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
): Promise<LoadedModel & { format: NativeFormat; bytes: Uint8Array }> {
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
function leavesOf(bytes: Uint8Array, format: NativeFormat): Leaf[] {
  if (format === 'eqx') return splitNpyStream(bytes).map((r, i) => ({ path: `leaf ${i}`, dtype: r.header.descr, shape: r.tensor.shape }));
  if (format === 'safetensors') return readSafetensorsHeader(bytes, bytes.length).entries.map((e) => ({ path: e.name, dtype: e.dtype, shape: e.shape }));
  return listTree(scanFlaxMsgpack(memorySource(bytes))).map((e) => ({ path: e.path, dtype: e.dtype, shape: e.shape }));
}

const describe = (l: Leaf | undefined) => (l ? `${l.path} ${l.dtype} [${l.shape.join(', ')}]` : 'nothing');

function reorder(value: MsgpackValue, like: MsgpackValue | undefined): MsgpackValue {
  if (!(value instanceof Map) || !(like instanceof Map)) return value;
  const keys = [...like.keys()].filter((k) => value.has(k));
  const rest = [...value.keys()].filter((k) => !like.has(k));
  return new Map([...keys, ...rest].map((k) => [k, reorder(value.get(k)!, like.get(k))]));
}

/**
 * The output with its dicts in the template's key order, where the two hold the same leaves in
 * another order (a template saved after `jit` or optax has sorted keys; a writer may order a
 * layer's arrays otherwise): readers match by key, and the template's order is what was asked.
 */
export function orderLikeTemplate(output: Uint8Array, template: Uint8Array, format: NativeFormat): Uint8Array {
  if (format !== 'msgpack') return output;
  const a = leavesOf(output, format).map(describe);
  const b = leavesOf(template, format).map(describe);
  if (a.join('\n') === b.join('\n') || [...a].sort().join('\n') !== [...b].sort().join('\n')) return output;
  return writeFlaxMsgpack(reorder(readFlaxMsgpack(output), scanFlaxMsgpack(memorySource(template))));
}

/**
 * Checks that the file about to be written has exactly the template's tree: the same leaves in
 * the same order with the same shapes and dtypes.
 *
 * @throws {InteropError} E_FORMAT_MISMATCH at the first leaf that differs.
 */
export function checkSameTree(output: Uint8Array, template: Uint8Array, format: NativeFormat, templatePath: string): void {
  const a = leavesOf(output, format);
  const b = leavesOf(template, format);
  const i = Array.from({ length: Math.max(a.length, b.length) }, (_, k) => k).find((k) => describe(a[k]) !== describe(b[k]));
  if (i === undefined) return;
  throw new InteropError('E_FORMAT_MISMATCH', `The converted file would not have the tree of the template ${templatePath} (leaf ${i} of ${b.length})`, {
    expected: describe(b[i]),
    found: describe(a[i]),
    fix: 'Report this with both files: the target plugin wrote a tree other than the one it read',
  });
}

/** The pairing as lines for people (`paired  Conv_0 -> conv1`). */
export function describePairs(pairs: readonly TemplatePair[]): string[] {
  const width = Math.max(...pairs.map((p) => (p.source || '(root)').length));
  return pairs.map((p) => `paired  ${(p.source || '(root)').padEnd(width)} -> ${p.template || '(root)'}${p.renamed ? ' (renamed)' : ''}`);
}
