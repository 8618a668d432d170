import { InteropError } from '../errors/interop-error.js';
import type { IRNode } from '../registry/types.js';
import type { DType, DTypeStorage } from '../tensor/dtype.js';
import { DTYPES, isDType } from '../tensor/dtype.js';
import { Tensor, sizeOf } from '../tensor/tensor.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import type { KindOptions } from './kind-table.js';
import { findKind } from './kind-table.js';
import { describeParam, passesParam } from './param-checks.js';
import type { ForwardStep, ModuleChild } from './module.js';

/** A tensor in IR JSON: dtype, shape and the C-order elements as base64 little-endian bytes. */
export interface TensorJSON {
  dtype: DType;
  shape: number[];
  data: string;
}

/** An IR node in JSON form; `layers` only on containers. */
export interface IRNodeJSON {
  kind: string;
  params: Record<string, unknown>;
  tensors: Record<string, TensorJSON>;
  inputShape?: number[];
  origin?: { framework: string; layer: string; path: string };
  layers?: IRNodeJSON[];
  /** A module's named children, in declaration order. */
  children?: Array<{ name: string; node: IRNodeJSON } | { name: string; items: IRNodeJSON[] }>;
  /** A module's forward program. */
  forward?: ForwardStepJSON[];
}

/** A forward program step in JSON form (see `ForwardStep`). */
export type ForwardStepJSON = { call: string } | { op: IRNodeJSON } | { residual: ForwardStepJSON[]; shortcut?: ForwardStepJSON[] };

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of every element (only needed on big-endian hosts). */
function swapBytes(bytes: Uint8Array, itemSize: number): Uint8Array {
  if (HOST_IS_LITTLE_ENDIAN || itemSize === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += itemSize) for (let j = 0; j < itemSize; j++) out[i + j] = bytes[i + itemSize - 1 - j]!;
  return out;
}

/** Serialises a tensor for IR JSON. */
export function tensorToJSON(t: Tensor): TensorJSON {
  return { dtype: t.dtype, shape: [...t.shape], data: encodeBase64(swapBytes(t.bytes(), DTYPES[t.dtype].itemSize)) };
}

/**
 * Turns IR into a JSON-safe value; `JSON.stringify` of the result is the file format.
 *
 * @example
 * ```ts
 * const text = JSON.stringify(irToJSON(registry.toIR(model, 'nnx')));
 * ```
 */
export function irToJSON(ir: IRNode): IRNodeJSON {
  const out: IRNodeJSON = { kind: ir.kind, params: structuredClone(ir.params) as Record<string, unknown>, tensors: {} };
  for (const [name, t] of Object.entries(ir.tensors as Record<string, Tensor | undefined>)) {
    if (t !== undefined) out.tensors[name] = tensorToJSON(t);
  }
  if (ir.inputShape !== undefined) out.inputShape = [...ir.inputShape];
  if (ir.origin !== undefined) out.origin = { ...ir.origin };
  const layers = (ir as { layers?: IRNode[] }).layers;
  if (Array.isArray(layers)) out.layers = layers.map(irToJSON);
  const { children, forward } = ir as { children?: ModuleChild[]; forward?: ForwardStep[] };
  if (Array.isArray(children)) {
    out.children = children.map((c) =>
      'items' in c ? { name: c.name, items: c.items.map(irToJSON) } : { name: c.name, node: irToJSON(c.node) },
    );
  }
  if (Array.isArray(forward)) out.forward = forward.map(stepToJSON);
  return out;
}

function stepToJSON(step: ForwardStep): ForwardStepJSON {
  if ('call' in step) return { call: step.call };
  if ('op' in step) return { op: irToJSON(step.op) };
  return { residual: step.residual.map(stepToJSON), ...(step.shortcut ? { shortcut: step.shortcut.map(stepToJSON) } : {}) };
}

function invalid(path: string, what: string, found?: unknown): InteropError {
  return new InteropError('E_INVALID_IR', what, {
    path,
    ...(found !== undefined ? { found } : {}),
    fix: 'Produce IR JSON with irToJSON(), or correct the field named in the path',
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}/${key}`;
}

function readTensor(json: unknown, path: string): Tensor {
  if (!isRecord(json)) throw invalid(path, 'A tensor must be an object { dtype, shape, data }');
  const { dtype, shape, data } = json;
  if (!isDType(dtype)) throw invalid(join(path, 'dtype'), 'Unknown dtype', dtype);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw invalid(join(path, 'shape'), 'A shape must be an array of non-negative integers', shape);
  }
  const bytes = typeof data === 'string' ? decodeBase64(data) : undefined;
  if (!bytes) throw invalid(join(path, 'data'), 'Tensor data must be base64 text');
  const info = DTYPES[dtype];
  const expected = sizeOf(shape as number[]) * info.itemSize;
  if (bytes.length !== expected)
    throw invalid(join(path, 'data'), `Expected ${expected} bytes for ${dtype}[${shape.join(', ')}]`, bytes.length);
  const aligned = swapBytes(bytes, info.itemSize).slice();
  const Storage = info.storage as unknown as new (buffer: ArrayBuffer) => DTypeStorage[DType];
  return new Tensor(dtype, shape as number[], new Storage(aligned.buffer));
}

function readNode(json: unknown, path: string, options: KindOptions): IRNode {
  if (!isRecord(json)) throw invalid(path, 'An IR node must be an object');
  const { kind, params, tensors, inputShape, origin, layers, children, forward } = json;
  if (typeof kind !== 'string' || !/^[a-z][a-z0-9-]*$/.test(kind))
    throw invalid(join(path, 'kind'), 'An IR kind must be a kebab-case string', kind);
  if (!isRecord(params)) throw invalid(join(path, 'params'), 'params must be an object');
  const definition = findKind(kind, options.kinds);
  for (const [name, spec] of Object.entries(definition?.params ?? {})) {
    if (!passesParam(spec, params[name]))
      throw invalid(join(path, `params/${name}`), `Invalid ${kind} param "${name}" (expected ${describeParam(spec)})`, params[name]);
  }
  if (tensors !== undefined && !isRecord(tensors)) throw invalid(join(path, 'tensors'), 'tensors must be an object');
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors ?? {})) {
    if (definition && !Object.hasOwn(definition.tensors, name))
      throw invalid(join(path, `tensors/${name}`), `A ${kind} node has no tensor "${name}"`);
    out[name] = readTensor(t, join(path, `tensors/${name}`));
  }
  for (const [name, need] of Object.entries(definition?.tensors ?? {})) {
    if (need === 'required' && out[name] === undefined)
      throw invalid(join(path, `tensors/${name}`), `A ${kind} node needs the tensor "${name}"`);
  }
  const node: Record<string, unknown> = { kind, params: structuredClone(params), tensors: out };
  if (inputShape !== undefined) {
    if (!Array.isArray(inputShape) || !inputShape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
      throw invalid(join(path, 'inputShape'), 'inputShape must be an array of non-negative integers', inputShape);
    }
    node.inputShape = [...inputShape];
  }
  if (origin !== undefined) {
    if (!isRecord(origin) || !['framework', 'layer', 'path'].every((k) => typeof origin[k] === 'string')) {
      throw invalid(join(path, 'origin'), 'origin must be { framework, layer, path } strings');
    }
    node.origin = { framework: origin.framework, layer: origin.layer, path: origin.path };
  }
  if (kind === 'sequential' && !Array.isArray(layers)) throw invalid(join(path, 'layers'), 'A sequential node needs a layers array');
  if (layers !== undefined) {
    if (!Array.isArray(layers)) throw invalid(join(path, 'layers'), 'layers must be an array');
    node.layers = layers.map((child, i) => readNode(child, join(path, `layers/${i}`), options));
  }
  if (kind === 'module' && !Array.isArray(children)) throw invalid(join(path, 'children'), 'A module node needs a children array');
  if (children !== undefined) node.children = readChildren(children, join(path, 'children'), options);
  if (forward !== undefined) node.forward = readSteps(forward, join(path, 'forward'), options);
  return node as unknown as IRNode;
}

function readChildren(json: unknown, path: string, options: KindOptions): ModuleChild[] {
  if (!Array.isArray(json)) throw invalid(path, 'children must be an array of { name, node } or { name, items }');
  const seen = new Set<string>();
  return json.map((entry, i) => {
    const at = join(path, String(i));
    if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '')
      throw invalid(at, 'A child needs a non-empty string `name`');
    if (seen.has(entry.name)) throw invalid(join(at, 'name'), 'Two children have the same name', entry.name);
    seen.add(entry.name);
    if (Array.isArray(entry.items))
      return { name: entry.name, items: entry.items.map((n, j) => readNode(n, join(at, `items/${j}`), options)) };
    if (entry.node === undefined) throw invalid(at, 'A child needs a `node` or an `items` array');
    return { name: entry.name, node: readNode(entry.node, join(at, 'node'), options) };
  });
}

function readSteps(json: unknown, path: string, options: KindOptions): ForwardStep[] {
  if (!Array.isArray(json)) throw invalid(path, 'forward must be an array of steps');
  return json.map((step, i) => {
    const at = join(path, String(i));
    if (isRecord(step) && typeof step.call === 'string') return { call: step.call };
    if (isRecord(step) && step.op !== undefined) return { op: readNode(step.op, join(at, 'op'), options) };
    if (isRecord(step) && step.residual !== undefined) {
      const residual = readSteps(step.residual, join(at, 'residual'), options);
      return step.shortcut === undefined ? { residual } : { residual, shortcut: readSteps(step.shortcut, join(at, 'shortcut'), options) };
    }
    throw invalid(at, 'A step is { call }, { op } or { residual, shortcut? }');
  });
}

/**
 * Reads and validates IR JSON (an object, or its text). Nodes of a known kind (built-in, or
 * defined in `options.kinds`, e.g. `registry.kinds()`) have their params checked and their tensor
 * names checked against the definition, required ones present; other kinds are read as generic
 * nodes.
 *
 * @throws {InteropError} E_INVALID_IR with the path of the first bad field (`layers/1/tensors/kernel/data`).
 * @example
 * ```ts
 * const ir = irFromJSON(await readFile('model.ir.json', 'utf8'), { kinds: registry.kinds() });
 * ```
 */
export function irFromJSON(json: unknown, options: KindOptions = {}): IRNode {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InteropError('E_INVALID_IR', 'IR text is not valid JSON', { path: '', cause: error });
    }
  }
  return readNode(value, '', options);
}
