import { describe, expect, it } from 'vitest';
import { ConfigError, describeSchedule, scheduleFromFlags } from '@rnn-nade/core';

describe('scheduleFromFlags', () => {
  it('builds each schedule from command-line values, with defaults', () => {
    expect(scheduleFromFlags({ schedule: 'exp' })).toEqual({ kind: 'constant' });
    expect(scheduleFromFlags({ schedule: 'exp', decay: 0.98, minLearningRate: 1e-4 })).toEqual({ kind: 'exponential', rate: 0.98, minLearningRate: 1e-4 });
    expect(scheduleFromFlags({ schedule: 'plateau' })).toEqual({ kind: 'plateau', factor: 0.5, patience: 4, cooldown: 0 });
    expect(scheduleFromFlags({ schedule: 'exp', decay: 0.9, minLearningRate: 0 })).toEqual({ kind: 'exponential', rate: 0.9 });
    expect(scheduleFromFlags({ schedule: 'plateau', patience: 3, factor: 0.3, cooldown: 2, decay: 0.5, restartEpochs: 7 })).toEqual({
      kind: 'plateau',
      factor: 0.3,
      patience: 3,
      cooldown: 2,
    });
    expect(scheduleFromFlags({ schedule: 'cosine', restartEpochs: 8, restartMultiplier: 2, minLearningRate: 1e-5 })).toEqual({
      kind: 'cosine',
      periodEpochs: 8,
      periodMultiplier: 2,
      minLearningRate: 1e-5,
    });
  });

  it('rejects bad values with a ConfigError naming them', () => {
    expect(() => scheduleFromFlags({ schedule: 'linear' as never })).toThrow(/--lr-schedule must be one of exp, plateau, cosine, got "linear"/);
    expect(() => scheduleFromFlags({ schedule: 'plateau', factor: 2 })).toThrow(ConfigError);
    expect(() => scheduleFromFlags({ schedule: 'cosine', restartEpochs: 0 })).toThrow(/periodEpochs/);
    expect(() => scheduleFromFlags({ schedule: 'exp', decay: 0.9, minLearningRate: 0.1 }, { initial: 0.01 })).toThrow(/minLearningRate/);
  });
});

describe('describeSchedule', () => {
  it('names each schedule in a few words', () => {
    expect(describeSchedule({ kind: 'constant' })).toBe('constant');
    expect(describeSchedule({ kind: 'exponential', rate: 0.985, minLearningRate: 1e-4 })).toBe('×0.985 per epoch, floor 0.0001');
    expect(describeSchedule({ kind: 'step', stepEpochs: 10, gamma: 0.5 })).toBe('×0.5 every 10 epochs');
    expect(describeSchedule({ kind: 'plateau', factor: 0.5, patience: 4, cooldown: 1, minLearningRate: 1e-5 })).toBe(
      'plateau ×0.5 after 4 flat checks, cooldown 1, floor 0.00001',
    );
    expect(describeSchedule({ kind: 'cosine', periodEpochs: 10, periodMultiplier: 2 })).toBe('cosine, restarts every 10 ×2 epochs');
    expect(describeSchedule({ kind: 'cosine', periodEpochs: 10 })).toBe('cosine, restarts every 10 epochs');
  });
});
