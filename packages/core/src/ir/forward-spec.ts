import { InteropError } from '../errors/interop-error.js';
import type { IRNode } from '../registry/types.js';
import type { ActivationFn } from './activations.js';
import type { ForwardStep } from './module.js';
import type { PoolPadding } from './param-types.js';

/**
 * A forward step as a spec writes it (the `forward` list of a `Module` spec): a child's name, a
 * `jax`/`flax.linen` function `{ fn, ...arguments }`, or `{ residual: [...], shortcut?: [...] }`.
 */
export type ForwardStepSpec =
  | string
  | ({ fn: string } & Record<string, unknown>)
  | { residual: ForwardStepSpec[]; shortcut?: ForwardStepSpec[] };

/** The `fn` names a forward step may use, sorted. */
export const FORWARD_FUNCTIONS: readonly string[] = Object.freeze(
  [
    'avg_pool',
    'celu',
    'elu',
    'flatten',
    'gelu',
    'identity',
    'leaky_relu',
    'log_softmax',
    'max_pool',
    'mean',
    'relu',
    'reshape',
    'sigmoid',
    'silu',
    'softmax',
    'softplus',
    'swish',
    'tanh',
  ].sort(),
);

function bad(path: string, message: string, found?: unknown): InteropError {
  return new InteropError('E_INVALID_SPEC', message, {
    path,
    ...(found !== undefined ? { found } : {}),
    expected: `a child name, { fn } with fn one of ${FORWARD_FUNCTIONS.join(', ')}, or { residual: [...], shortcut?: [...] }`,
    fix: 'Correct the forward step named in the path',
  });
}

function ints(value: unknown, path: string, name: string): number[] {
  if (!Array.isArray(value) || !value.every((d) => Number.isSafeInteger(d)))
    throw bad(path, `\`${name}\` must be a list of integers`, value);
  return [...(value as number[])];
}

function poolPadding(value: unknown, path: string): PoolPadding {
  if (value === undefined) return 'VALID';
  if (value === 'SAME' || value === 'VALID') return value;
  if (Array.isArray(value) && value.every((p) => Array.isArray(p) && p.length === 2 && p.every((d) => Number.isSafeInteger(d) && d >= 0))) {
    return value.map((p) => [p[0], p[1]] as [number, number]);
  }
  throw bad(path, '`padding` must be "VALID", "SAME" or [low, high] pairs', value);
}

const op = (kind: string, params: Record<string, unknown>): { op: IRNode } => ({ op: { kind, params, tensors: {} } as IRNode });

function activation(fn: ActivationFn, alpha?: number): { op: IRNode } {
  return op('activation', alpha === undefined ? { fn } : { fn, alpha });
}

function readFunction(step: { fn: string } & Record<string, unknown>, path: string): ForwardStep {
  const { fn } = step;
  switch (fn) {
    case 'relu':
    case 'tanh':
    case 'sigmoid':
    case 'softplus':
    case 'silu':
    case 'identity':
      return activation(fn);
    case 'swish':
      return activation('silu');
    case 'gelu':
      // jax.nn.gelu defaults to approximate=True (the tanh form).
      return activation(step.approximate === false ? 'gelu' : 'gelu_tanh');
    case 'elu':
      return activation('elu', typeof step.alpha === 'number' ? step.alpha : 1);
    case 'celu':
      throw bad(path, '`celu` has no IR activation yet', fn);
    case 'leaky_relu':
      return activation('leaky_relu', typeof step.negative_slope === 'number' ? step.negative_slope : 0.01);
    case 'softmax':
    case 'log_softmax':
      return op('softmax', { axis: typeof step.axis === 'number' ? step.axis : -1, log: fn === 'log_softmax' });
    case 'max_pool':
    case 'avg_pool': {
      const windowShape = ints(step.window_shape, path, 'window_shape');
      const strides = step.strides === undefined || step.strides === null ? windowShape.map(() => 1) : ints(step.strides, path, 'strides');
      if (strides.length !== windowShape.length) throw bad(path, '`strides` needs one entry per window axis', strides);
      const countIncludePad = fn === 'max_pool' || step.count_include_pad !== false;
      return op('pool', {
        op: fn === 'max_pool' ? 'max' : 'avg',
        windowShape,
        strides,
        padding: poolPadding(step.padding, path),
        countIncludePad,
      });
    }
    case 'flatten':
      return op('flatten', {});
    case 'reshape':
      return op('reshape', { shape: ints(step.shape, path, 'shape') });
    case 'mean': {
      const axis = step.axis;
      const axes = typeof axis === 'number' ? [axis] : ints(axis, path, 'axis');
      return op('mean', { axes, keepdims: step.keepdims === true });
    }
    default:
      throw bad(path, `Unknown forward function \`${String(fn)}\``, fn);
  }
}

/**
 * Reads a spec's `forward` list into IR steps. Functions follow `jax.nn` and `flax.linen`
 * (pool strides default to 1, padding to `VALID`, `avg_pool` counts padding); shapes and axes
 * are those of one unbatched channels-last example.
 *
 * @throws {InteropError} E_INVALID_SPEC naming the bad step.
 * @example
 * ```ts
 * forwardFromSpec(['conv1', { fn: 'relu' }, { fn: 'avg_pool', window_shape: [2, 2], strides: [2, 2] }]);
 * ```
 */
export function forwardFromSpec(steps: unknown, path = 'forward'): ForwardStep[] {
  if (!Array.isArray(steps)) throw bad(path, '`forward` must be a list of steps', typeof steps);
  return steps.map((step, i) => {
    const at = `${path}/${i}`;
    if (typeof step === 'string') return { call: step };
    if (typeof step !== 'object' || step === null) throw bad(at, 'A step must be a name or an object', step);
    const record = step as Record<string, unknown>;
    if (typeof record.fn === 'string') return readFunction(record as { fn: string } & Record<string, unknown>, at);
    if (record.residual !== undefined) {
      const residual = forwardFromSpec(record.residual, `${at}/residual`);
      return record.shortcut === undefined ? { residual } : { residual, shortcut: forwardFromSpec(record.shortcut, `${at}/shortcut`) };
    }
    throw bad(at, 'A step object needs `fn` or `residual`', Object.keys(record));
  });
}

function writeOp(node: IRNode): ForwardStepSpec {
  const p = node.params as Record<string, unknown>;
  switch (node.kind) {
    case 'activation': {
      const fn = p.fn as ActivationFn;
      if (fn === 'gelu') return { fn: 'gelu', approximate: false };
      if (fn === 'gelu_tanh') return { fn: 'gelu' };
      if (fn === 'elu') return p.alpha === undefined || p.alpha === 1 ? { fn: 'elu' } : { fn: 'elu', alpha: p.alpha };
      if (fn === 'leaky_relu')
        return p.alpha === undefined || p.alpha === 0.01 ? { fn: 'leaky_relu' } : { fn: 'leaky_relu', negative_slope: p.alpha };
      return { fn };
    }
    case 'softmax':
      return p.axis === -1 ? { fn: p.log ? 'log_softmax' : 'softmax' } : { fn: p.log ? 'log_softmax' : 'softmax', axis: p.axis };
    case 'pool': {
      const out: Record<string, unknown> = {
        fn: p.op === 'max' ? 'max_pool' : 'avg_pool',
        window_shape: p.windowShape,
        strides: p.strides,
      };
      if (p.padding !== 'VALID') out.padding = p.padding;
      if (p.op === 'avg' && p.countIncludePad === false) out.count_include_pad = false;
      return out as ForwardStepSpec;
    }
    case 'flatten':
      return { fn: 'flatten' };
    case 'reshape':
      return { fn: 'reshape', shape: p.shape };
    case 'mean':
      return p.keepdims ? { fn: 'mean', axis: p.axes, keepdims: true } : { fn: 'mean', axis: p.axes };
    default:
      throw new InteropError('E_INVALID_IR', `A forward step cannot apply the IR kind \`${node.kind}\` as a function`, {
        fix: 'Declare the layer as a child of the module and call it by name',
      });
  }
}

/**
 * Writes IR steps back as a spec's `forward` list; the inverse of {@link forwardFromSpec}.
 *
 * @example
 * ```ts
 * forwardToSpec([{ call: 'conv1' }, { op: reluIR }]); // ['conv1', { fn: 'relu' }]
 * ```
 */
export function forwardToSpec(steps: readonly ForwardStep[]): ForwardStepSpec[] {
  return steps.map((step) => {
    if ('call' in step) return step.call;
    if ('op' in step) return writeOp(step.op);
    return step.shortcut
      ? { residual: forwardToSpec(step.residual), shortcut: forwardToSpec(step.shortcut) }
      : { residual: forwardToSpec(step.residual) };
  });
}
