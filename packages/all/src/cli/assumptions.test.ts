import { describe, expect, it } from 'vitest';
import { assumptionSummary, computationalAssumptions, refuseAssumptions } from './assumptions.js';

const trainState = 'read params and batch_stats of a TrainState; step and opt_state (optimizer state) not converted';
const stride = 'Conv_0: strides (1, 1) assumed (the file does not store them)';

describe('which assumed lines change what the model computes', () => {
  it("a TrainState's left-out step and optimizer state do not: --strict accepts it, no summary line", () => {
    expect(computationalAssumptions([trainState])).toEqual([]);
    expect(assumptionSummary([trainState])).toBeUndefined();
    expect(() => refuseAssumptions('ckpt', [trainState], 'Linen')).not.toThrow();
  });

  it('an inferred conv stride does, beside it', () => {
    expect(computationalAssumptions([trainState, stride])).toEqual([stride]);
    expect(assumptionSummary([trainState, stride])).toBe('1 assumption; pass --arch to be exact');
    expect(() => refuseAssumptions('ckpt', [trainState, stride], 'Linen')).toThrow(/--strict.*1 assumption/);
    expect(() => refuseAssumptions('ckpt', [stride], 'Linen')).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ fix: expect.stringMatching(/^Pass --arch SPEC\.json with the Linen spec/) }),
      }),
    );
  });
});
