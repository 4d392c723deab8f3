import { describe, expect, it } from 'vitest';
import { DivergenceError, NonFiniteLossError } from '@rnn-nade/core';
import { DivergenceGuard, divergenceLimit } from '@rnn-nade/core/advanced';

const site = (epochsDone: number) => ({ epoch: epochsDone, batch: 3, batches: 10, step: 30, epochsDone });

describe('DivergenceGuard', () => {
  it('takes the first training loss as reference and stops above reference + max(10 |ref|, 100)', () => {
    const failures: string[] = [];
    const guard = new DivergenceGuard({
      rule: {},
      reference: null,
      checkpoint: 'run/checkpoint.ckpt',
      learningRate: 0.5,
      onFailure: (code) => failures.push(code),
    });
    expect(guard.limit).toBeNull();
    guard.checkTrain(61, site(0));
    expect(guard.reference).toBe(61);
    expect(guard.limit).toBe(671);
    guard.checkTrain(671, site(2)); // at the bound: still fine
    guard.checkValid(600, site(2));
    expect(() => guard.checkTrain(672, site(2))).toThrow(DivergenceError);
    let message = '';
    try {
      guard.checkValid(1e7, site(2));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('validation loss 1.000e+7 nats/frame');
    expect(message).toContain('The last good checkpoint (after epoch 2) is kept in run/checkpoint.ckpt');
    expect(message).toContain('--resume --lr 0.05');
    expect(failures).toEqual(['DIVERGED', 'DIVERGED']);
  });

  it('NaN and Infinity are NonFiniteLossError even with the bound off; a carried reference is kept', () => {
    const guard = new DivergenceGuard({ rule: false, reference: 5, checkpoint: null, learningRate: 1 });
    guard.checkTrain(1e30, site(0)); // bound off
    expect(guard.reference).toBe(5);
    expect(() => guard.checkTrain(NaN, site(0))).toThrow(NonFiniteLossError);
    expect(() => guard.checkValid(Infinity, site(0))).toThrow(/validation loss Infinity/);
    expect(() => guard.nonFiniteGradient(NaN, site(0))).toThrow(/gradient norm NaN .* Start again with a lower learning rate \(e\.g\. 0\.1\)/);
  });

  it('divergenceLimit follows the documented rule', () => {
    expect(divergenceLimit(0)).toBe(100);
    expect(divergenceLimit(-3)).toBe(97);
    expect(divergenceLimit(50, { factor: 1 })).toBe(150);
  });
});
