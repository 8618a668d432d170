// docs/authoring-plugins.md, "What a mapping is handed": each framework's adapter hands toIR its
// node type and expects the same type back from fromIR. A user's mapping per framework proves it.
import { createRegistry, defineMapping } from '@interop/core';
import type { ConversionContext, InteropError, IRNode, LayerMapping, Plugin } from '@interop/core';
import { brainstate, equinox, linen, nnx } from '@interop/all';
import { describe, expect, it } from 'vitest';

const cases = [
  { framework: 'brainstate', plugin: brainstate.brainstate, layer: 'Linear', node: brainstate.Module },
  { framework: 'nnx', plugin: nnx.nnx, layer: 'Linear', node: nnx.Module },
  { framework: 'equinox', plugin: equinox.equinox, layer: 'Linear', node: equinox.EqxNode },
  { framework: 'linen', plugin: linen.linen, layer: 'Dense', node: linen.LinenNode },
] as const;

/** The user's plugin: the framework's own, its one layer replaced by the user's mapping. */
function withMine(plugin: Plugin, layer: string, mine: LayerMapping): Plugin {
  return { ...plugin, meta: { ...plugin.meta, name: 'my-plugin' }, mappings: { ...plugin.mappings, [layer]: mine } };
}

describe.each(cases)('a custom $framework mapping', ({ framework, plugin, layer, node }) => {
  const builtin = (plugin.mappings as Readonly<Record<string, LayerMapping>>)[layer]!;
  const model = new brainstate.Linear(3, 4);

  it(`is handed a ${node.name} by toIR and returns one from fromIR`, () => {
    const handed: unknown[] = [];
    const returned: unknown[] = [];
    const mine = defineMapping({
      ...builtin,
      toIR: (n: unknown, ctx: ConversionContext) => (handed.push(n), builtin.toIR(n, ctx)),
      fromIR: (ir: IRNode, ctx: ConversionContext) => {
        const built = builtin.fromIR(ir, ctx);
        returned.push(built);
        return built;
      },
    });
    const registry = createRegistry();
    if (framework !== 'brainstate') registry.use(brainstate.brainstate);
    registry.use(withMine(plugin as Plugin, layer, mine));
    const converted = registry.convert(model, { from: 'brainstate', to: framework });
    const back = registry.convert(converted, { from: framework, to: 'brainstate' }) as InstanceType<typeof brainstate.Linear>;
    expect([handed.length > 0, returned.length > 0]).toEqual([true, true]);
    for (const n of [...handed, ...returned]) expect(n).toBeInstanceOf(node);
    expect(back.weight.value.weight!.equals(model.weight.value.weight!)).toBe(true);
  });
});

it('a custom Equinox mapping that returns the bare layer is told so, naming the mapping and its plugin', () => {
  const builtin = equinox.equinox.mappings.Linear! as LayerMapping;
  const bare = defineMapping({
    ...builtin,
    fromIR: (ir: IRNode, ctx: ConversionContext) => (builtin.fromIR(ir, ctx) as InstanceType<typeof equinox.EqxNode>).module,
  });
  const registry = createRegistry()
    .use(brainstate.brainstate)
    .use(withMine(equinox.equinox as Plugin, 'Linear', bare));
  let error: InteropError | undefined;
  try {
    registry.convert(new brainstate.Sequential(new brainstate.Linear(3, 4)), { from: 'brainstate', to: 'equinox' });
  } catch (e) {
    error = e as InteropError;
  }
  expect(error?.code).toBe('E_INVALID_PLUGIN');
  expect(error?.message).toMatch(/^Mapping equinox:Linear \(plugin my-plugin\) returned a Linear from fromIR/);
  expect(error?.message).not.toMatch(/bug in the plugin/);
});
