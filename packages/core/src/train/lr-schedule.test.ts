import { describe, expect, it } from 'vitest';
import { ConfigError } from '@rnn-nade/core';
import { cosinePeriodAt, learningRateAt, PlateauTracker, validateSchedule } from '@rnn-nade/core/advanced';

const at = (epoch: number, extra: { epochProgress?: number; reductions?: number } = {}) => ({ epoch, step: 0, ...extra });

describe('learningRateAt', () => {
  it('computes constant, exponential (per epoch / per step) and step schedules', () => {
    expect(learningRateAt(0.1, { kind: 'constant' }, { epoch: 9, step: 99 })).toBe(0.1);
    expect(learningRateAt(0.1, { kind: 'exponential', rate: 0.5 }, { epoch: 3, step: 40 })).toBeCloseTo(0.0125, 12);
    expect(learningRateAt(0.1, { kind: 'exponential', rate: 0.5, everySteps: 20 }, { epoch: 3, step: 40 })).toBeCloseTo(0.025, 12);
    expect(learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 25, step: 0 })).toBeCloseTo(2.5e-4, 15);
    expect(learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 9, step: 0 })).toBe(1e-3);
    expect(learningRateAt(1, { kind: 'exponential', rate: 0.1, minLearningRate: 0.05 }, { epoch: 5, step: 0 })).toBe(0.05);
  });

  it('anneals cosine periods of equal length and restarts at lr0 (hand-computed)', () => {
    const s = { kind: 'cosine', periodEpochs: 4 } as const;
    // (1 + cos(pi t / 4)) / 2 for t = 0..3, then a restart
    const expected = [1, 0.8535533906, 0.5, 0.1464466094, 1, 0.8535533906];
    for (const [e, lr] of expected.entries()) expect(learningRateAt(1, s, at(e))).toBeCloseTo(lr, 9);
  });

  it('lengthens every period by periodMultiplier, anneals to the floor and moves within an epoch', () => {
    const s = { kind: 'cosine', periodEpochs: 2, periodMultiplier: 2, minLearningRate: 0.1 } as const;
    // periods [0, 2), [2, 6), [6, 14): 0.1 + (1.1 - 0.1) (1 + cos(pi t / T)) / 2
    const expected = [1.1, 0.6, 1.1, 0.9535533906, 0.6, 0.2464466094, 1.1];
    for (const [e, lr] of expected.entries()) expect(learningRateAt(1.1, s, at(e))).toBeCloseTo(lr, 9);
    // half-way through epoch 2: t = 0.5, T = 4 -> 0.1 + (1 + cos(pi / 8)) / 2
    expect(learningRateAt(1.1, s, at(2, { epochProgress: 2.5 }))).toBeCloseTo(1.0619397663, 9);
    expect(cosinePeriodAt(13.5, 2, 2)).toEqual([7.5, 8]);
    expect(cosinePeriodAt(14, 2, 2)).toEqual([0, 16]);
  });

  it('gives lr0 * factor^reductions for plateau, floored', () => {
    const s = { kind: 'plateau', factor: 0.5, patience: 3, minLearningRate: 2e-4 } as const;
    expect(learningRateAt(1e-3, s, at(9))).toBe(1e-3);
    expect(learningRateAt(1e-3, s, at(9, { reductions: 2 }))).toBeCloseTo(2.5e-4, 15);
    expect(learningRateAt(1e-3, s, at(9, { reductions: 5 }))).toBe(2e-4);
  });

  it('rejects invalid schedules with a ConfigError that names the field', () => {
    expect(() => validateSchedule({ kind: 'exponential', rate: 0 })).toThrow(ConfigError);
    expect(() => validateSchedule({ kind: 'exponential', rate: 1.5 })).toThrow(/<= 1/);
    expect(() => validateSchedule({ kind: 'step', stepEpochs: 0, gamma: 0.5 })).toThrow(/stepEpochs/);
    expect(() => validateSchedule({ kind: 'plateau', factor: 1, patience: 2 })).toThrow(/factor must be in \(0, 1\)/);
    expect(() => validateSchedule({ kind: 'plateau', factor: 0.5, patience: 0 })).toThrow(/patience must be an integer >= 1/);
    expect(() => validateSchedule({ kind: 'plateau', factor: 0.5 } as never)).toThrow(/patience/);
    expect(() => validateSchedule({ kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1.5 })).toThrow(/cooldown/);
    expect(() => validateSchedule({ kind: 'plateau', factor: 0.5, patience: 2, minDelta: -1 })).toThrow(/minDelta/);
    expect(() => validateSchedule({ kind: 'cosine', periodEpochs: 0 })).toThrow(/periodEpochs must be > 0/);
    expect(() => validateSchedule({ kind: 'cosine', periodEpochs: 5, periodMultiplier: 0.5 })).toThrow(/periodMultiplier must be >= 1/);
    expect(() => validateSchedule({ kind: 'cosine', periodEpochs: 5, minLearningRate: 0.1 }, { initial: 0.01 })).toThrow(
      /minLearningRate must be <= the initial learning rate \(0.01\)/,
    );
    expect(() => validateSchedule({ kind: 'cosine' } as never)).toThrow(ConfigError);
    expect(() => validateSchedule({ kind: 'warmup' } as never)).toThrow(/Valid: constant, exponential, step, plateau, cosine/);
  });
});

describe('PlateauTracker', () => {
  it('reduces after `patience` bad checks, honours cooldown and stops at the floor (hand-computed)', () => {
    const p = new PlateauTracker({ kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.2 }, 1);
    const losses = [5, 4, 4.5, 4.2, 3.9, 4.0, 4.1, 4.3, 4.4, 4.6, 4.7, 4.8, 4.9];
    const out = losses.map((l) => p.update(l));
    expect(out.map((d) => d.learningRate)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2]);
    expect(out.flatMap((d, i) => (d.reduced ? [i] : []))).toEqual([3, 6, 9]);
    expect(out.map((d) => d.improved)).toEqual([true, true, false, false, true, false, false, false, false, false, false, false, false]);
    expect(p.getState()).toEqual({ best: 3.9, badChecks: 0, cooldownLeft: 0, reductions: 3 });
  });

  it('counts an improvement smaller than minDelta and a non-finite loss as bad', () => {
    const p = new PlateauTracker({ kind: 'plateau', factor: 0.1, patience: 2, minDelta: 0.1 }, 1);
    expect(p.update(1).reduced).toBe(false);
    expect(p.update(0.95).improved).toBe(false);
    expect(p.update(Number.NaN)).toEqual({ improved: false, reduced: true, learningRate: 0.1 });
  });

  it('continues identically from a saved state', () => {
    const schedule = { kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1 } as const;
    const losses = [3, 2, 2.5, 2.6, 2.7, 1.9, 2.2, 2.3, 2.4];
    const straight = new PlateauTracker(schedule, 0.01);
    const a = losses.map((l) => straight.update(l).learningRate);
    const first = new PlateauTracker(schedule, 0.01);
    const b = losses.slice(0, 4).map((l) => first.update(l).learningRate);
    const second = new PlateauTracker(schedule, 0.01);
    second.setState(JSON.parse(JSON.stringify(first.getState())));
    b.push(...losses.slice(4).map((l) => second.update(l).learningRate));
    expect(b).toEqual(a);
  });
});
