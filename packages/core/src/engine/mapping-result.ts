import { InteropError } from '../errors/interop-error.js';
import type { FrameworkAdapter, IRNode } from '../registry/types.js';
import { Tensor } from '../tensor/tensor.js';
import type { Location } from './located.js';

/** A mapping as messages name it: `equinox:Linear (plugin @interop/equinox)`. */
export function mappingName(framework: string, layer: string, plugin: string): string {
  return `${framework}:${layer} (plugin ${plugin})`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return `a ${(value as object).constructor?.name ?? 'plain object'}`;
  return typeof value;
}

function returned(where: Location, mapping: string, method: string, found: string, expected: string, fix: string): InteropError {
  return new InteropError('E_INVALID_PLUGIN', `Mapping ${mapping} returned ${found} from ${method}`, {
    ...where,
    found,
    expected,
    fix,
  });
}

// A plugin bundling its own copy of @interop/core makes Tensors of another class; same shape, same use.
function isTensorLike(value: unknown): boolean {
  if (value instanceof Tensor) return true;
  const t = value as { shape?: unknown; dtype?: unknown; data?: unknown } | null;
  return typeof t === 'object' && t !== null && Array.isArray(t.shape) && typeof t.dtype === 'string';
}

/**
 * Checks what a mapping's `toIR` returned: an IR node with a string `kind`, a `params` object and
 * a `tensors` object of Tensors. A wrong result is the mapping's fault, so the error names it.
 */
export function checkToIRResult(ir: unknown, where: Location, mapping: string): asserts ir is IRNode {
  const fix = 'Return { kind, params, tensors } from toIR, with every tensor a Tensor (see docs/authoring-plugins.md)';
  const expected = 'an IR node { kind: string, params: object, tensors: { [name]: Tensor } }';
  const node = ir as Partial<IRNode> | null;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) throw returned(where, mapping, 'toIR', describe(ir), expected, fix);
  if (typeof node.kind !== 'string')
    throw returned(where, mapping, 'toIR', `an IR node whose kind is ${describe(node.kind)}`, expected, fix);
  if (typeof node.params !== 'object' || node.params === null) {
    throw returned(where, mapping, 'toIR', `an IR node whose params is ${describe(node.params)}`, expected, fix);
  }
  if (typeof node.tensors !== 'object' || node.tensors === null) {
    throw returned(where, mapping, 'toIR', `an IR node whose tensors is ${describe(node.tensors)}`, expected, fix);
  }
  for (const [name, tensor] of Object.entries(node.tensors)) {
    if (!isTensorLike(tensor)) throw returned(where, mapping, 'toIR', `tensor \`${name}\` as ${describe(tensor)}`, expected, fix);
  }
}

/**
 * Checks that what a mapping's `fromIR` returned is a node the framework's adapter reads (its
 * `layerType` knows it): a mapping that returns the bare layer where the adapter walks a wrapper
 * (Equinox's `EqxNode`, Linen's `LinenNode`) would otherwise fail later inside the adapter.
 */
export function checkFromIRResult(built: unknown, adapter: FrameworkAdapter, where: Location, mapping: string): void {
  let known = false;
  try {
    known = built !== undefined && built !== null && adapter.layerType(built) !== undefined;
  } catch {
    known = false;
  }
  if (known) return;
  throw returned(
    where,
    mapping,
    'fromIR',
    describe(built),
    `a node the ${where.framework} adapter reads (its layerType(node) gives a layer class)`,
    `Return what the ${where.framework} adapter walks from fromIR; docs/authoring-plugins.md lists each framework's node type`,
  );
}
