import { describe, expect, it } from 'vitest';
import { ConfigError } from '@rnn-nade/core';
import { learningRateAt, validateSchedule } from '@rnn-nade/core/advanced';

describe('learningRateAt', () => {
  it('computes constant, exponential (per epoch / per step) and step schedules', () => {
    expect(learningRateAt(0.1, { kind: 'constant' }, { epoch: 9, step: 99 })).toBe(0.1);
    expect(learningRateAt(0.1, { kind: 'exponential', rate: 0.5 }, { epoch: 3, step: 40 })).toBeCloseTo(0.0125, 12);
    expect(learningRateAt(0.1, { kind: 'exponential', rate: 0.5, everySteps: 20 }, { epoch: 3, step: 40 })).toBeCloseTo(0.025, 12);
    expect(learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 25, step: 0 })).toBeCloseTo(2.5e-4, 15);
    expect(learningRateAt(1e-3, { kind: 'step', stepEpochs: 10, gamma: 0.5 }, { epoch: 9, step: 0 })).toBe(1e-3);
    expect(learningRateAt(1, { kind: 'exponential', rate: 0.1, minLearningRate: 0.05 }, { epoch: 5, step: 0 })).toBe(0.05);
  });

  it('rejects invalid schedules with a ConfigError', () => {
    expect(() => validateSchedule({ kind: 'exponential', rate: 0 })).toThrow(ConfigError);
    expect(() => validateSchedule({ kind: 'exponential', rate: 1.5 })).toThrow(/<= 1/);
    expect(() => validateSchedule({ kind: 'step', stepEpochs: 0, gamma: 0.5 })).toThrow(/stepEpochs/);
    expect(() => validateSchedule({ kind: 'cosine' } as never)).toThrow(/Valid: constant, exponential, step/);
  });
});
