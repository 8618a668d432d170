import { InteropError } from '../errors/interop-error.js';
import type { ModuleIR } from '../ir/module.js';
import { childNodes } from '../ir/module.js';
import type { IRNode } from '../registry/types.js';
import type { Location } from './located.js';

const SPATIAL = new Set(['conv', 'pool']);

function* layersInOrder(node: IRNode): Generator<IRNode> {
  const { children, layers } = node as { children?: ModuleIR['children']; layers?: IRNode[] };
  if (Array.isArray(children)) for (const child of children) for (const n of childNodes(child)) yield* layersInOrder(n);
  else if (Array.isArray(layers)) for (const n of layers) yield* layersInOrder(n);
  else yield node;
}

/**
 * Refuses a module without a forward program whose Linear may read a flattened feature map (a
 * conv or pool is declared before it) when the flatten order differs: the rows of that Linear
 * could not be reordered, and converting it unchanged would compute something else.
 *
 * @throws {InteropError} E_MISSING_ARCH naming the Linear.
 */
export function refuseUnknownFlatten(module: ModuleIR, where: Location, between: string): void {
  if (module.forward) return;
  let spatial = false;
  for (const node of layersInOrder(module)) {
    if (SPATIAL.has(node.kind)) spatial = true;
    else if (node.kind === 'linear' && spatial) {
      const layer = node.origin?.path || node.origin?.layer || 'a Linear';
      throw new InteropError(
        'E_MISSING_ARCH',
        `Module \`${module.params.name}\` has no forward program, so it is unknown whether \`${layer}\` reads a flattened feature map, whose element order differs ${between}`,
        {
          ...where,
          layer,
          fix: 'Pass --arch with a Module spec that has a `forward` list (and --sample-input), so the flatten can be reordered exactly',
        },
      );
    }
  }
}
