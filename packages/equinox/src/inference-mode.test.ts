import { forwardFromSpec, Tensor } from '@interop/core';
import { key } from '@interop/runtime';
import { describe, expect, it } from 'vitest';
import { inferenceMode } from './inference-mode.js';
import { BatchNorm } from './modules/batch-norm.js';
import { Dropout } from './modules/dropout.js';
import { Linear } from './modules/linear.js';
import { ModuleTree } from './modules/module-tree.js';
import { Sequential } from './modules/sequential.js';
import { State } from './state.js';
import { treeLeaves } from './tree.js';

describe('inferenceMode (eqx.nn.inference_mode)', () => {
  it('sets every inference field, inside trees, lists and Sequentials, and keeps the State usable', () => {
    const tree = new ModuleTree(
      'Net',
      {
        fc: new Linear(3, 3, { key: key(0) }),
        blocks: [new Sequential([new BatchNorm(3, 'batch'), new Dropout(0.5)])],
        inner: new ModuleTree('Inner', { drop: new Dropout(0.2) }, forwardFromSpec(['drop'])),
      },
      forwardFromSpec(['fc', 'blocks', 'inner']),
    );
    const state = new State(tree);
    const x = Tensor.fromArray([1, 2, 3], [3], 'float32');
    expect(() => tree.call(x, state)).toThrow(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
    const evalTree = inferenceMode(tree);
    expect(
      treeLeaves(evalTree)
        .filter((l) => l.path.endsWith('.inference'))
        .map((l) => l.leaf),
    ).toEqual([true, true, true]);
    expect(
      treeLeaves(tree)
        .filter((l) => l.path.endsWith('.inference'))
        .map((l) => l.leaf),
    ).toEqual([false, false, false]);
    expect(evalTree.call(x, state)[0].shape).toEqual([3]);
  });
});
