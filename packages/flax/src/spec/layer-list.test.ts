import { describe, expect, it } from 'vitest';
import { layerListProblems } from './layer-list.js';

class GRUCell {}
class Dense {}
const mapping = (layer: string, ir: string, layerType: unknown) => ({ meta: { layer, ir }, layerType });
const readme = '## Supported layers\n\n| Linen | IR kind |\n| --- | --- |\n| Dense | linear |\n| GRUCell | gru-cell |\n\n## Next';
const files = ['dense.ts', 'dense.test.ts', 'gru-cell.ts', 'gru-cell.test.ts', 'index.ts'];
const mappings = { Dense: mapping('Dense', 'linear', Dense), GRUCell: mapping('GRUCell', 'gru-cell', GRUCell) };

describe('layerListProblems', () => {
  it('is empty when mappings, spec entries, files and README rows agree', () => {
    expect(layerListProblems({ mappings, specs: { Dense: { layerType: Dense }, GRUCell: { layerType: GRUCell } }, readme, files })).toEqual(
      [],
    );
  });

  it('names each gap with its fix', () => {
    const problems = layerListProblems({
      mappings,
      specs: { Dense: { layerType: GRUCell }, Embed: { layerType: Dense } },
      readme: readme.replace('| Dense | linear |\n', ''),
      files: files.slice(2),
    });
    expect(problems).toEqual([
      'spec entry Dense writes another class than mapping Dense: give both the same layerType',
      'mapping Dense is not in mappings/dense.ts: move it there',
      'mapping Dense has no test: add mappings/dense.test.ts',
      'mapping GRUCell has no spec entry: add one beside it in mappings/gru-cell.ts and to the spec table in mappings/index.ts',
      'spec entry Embed has no mapping: add mappings/embed.ts, or remove the entry',
      "the README's Supported layers rows (GRUCell → gru-cell) are not the mappings in index order (Dense → linear, GRUCell → gru-cell): make them one row each, '| Layer | ir-kind |'",
    ]);
  });
});
