import { paramSpecProblem } from './param-checks.js';

const KIND_NAME = /^[a-z][a-z0-9-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every problem of a kind definition, each prefixed by where it is (`kinds.scale.params.features: ...`).
 * An empty list means it is well formed.
 *
 * @example
 * ```ts
 * kindProblems({ kind: 'Scale' }); // ['kind: expected a kebab-case name ...', ...]
 * ```
 */
export function kindProblems(definition: unknown, at = ''): string[] {
  if (!isRecord(definition)) return [`${at ? `${at.slice(0, -1)}: ` : ''}expected a kind definition (from defineKind)`];
  const d = definition;
  const problems: string[] = [];
  if (typeof d.kind !== 'string' || !KIND_NAME.test(d.kind)) problems.push(`${at}kind: expected a kebab-case name such as "rms-norm"`);
  if (typeof d.description !== 'string' || d.description === '') problems.push(`${at}description: expected a non-empty string`);
  if (!isRecord(d.params)) problems.push(`${at}params: expected an object { name: check }`);
  else {
    for (const [name, spec] of Object.entries(d.params)) {
      const problem = paramSpecProblem(spec);
      if (problem) problems.push(`${at}params.${name}: ${problem}`);
    }
  }
  if (!isRecord(d.tensors)) problems.push(`${at}tensors: expected an object { name: 'required' | 'optional' }`);
  else {
    for (const [name, need] of Object.entries(d.tensors)) {
      if (need !== 'required' && need !== 'optional') problems.push(`${at}tensors.${name}: expected 'required' or 'optional'`);
    }
    if (d.stateless === true && Object.keys(d.tensors).length > 0) problems.push(`${at}stateless: a stateless kind holds no tensors`);
  }
  if (d.stateless !== undefined && typeof d.stateless !== 'boolean') problems.push(`${at}stateless: expected a boolean`);
  for (const key of ['outputShape', 'outputShapeWithoutInput', 'run'] as const) {
    if (d[key] !== undefined && typeof d[key] !== 'function') problems.push(`${at}${key}: expected a function`);
  }
  return problems;
}
