import { describe, expect, it } from 'vitest';
import { analyzeCompletion } from './completion';

describe('analyzeCompletion', () => {
  it('counts correct / missed / misplaced / false positives per step and overall (hand-worked example)', () => {
    const truth = [[60, 64], [67], [], [48, 52]];
    const pred = [[60, 65], [50], [70], [48, 52, 53, 55]];
    const a = analyzeCompletion(truth, pred);
    expect(a.perStep).toEqual([
      { correct: 1, missed: 1, misplaced: 1, falsePositives: 0 }, // 65 is 1 semitone from missed 64
      { correct: 0, missed: 1, misplaced: 0, falsePositives: 1 }, // 50 is 17 away from 67
      { correct: 0, missed: 0, misplaced: 0, falsePositives: 1 },
      { correct: 2, missed: 0, misplaced: 0, falsePositives: 2 }, // nothing missed, so 53/55 are FPs
    ]);
    expect(a.total).toEqual({ correct: 3, missed: 2, misplaced: 1, falsePositives: 4 });
    expect(a.precision).toBeCloseTo(3 / 8, 12);
    expect(a.recall).toBeCloseTo(3 / 5, 12);
    expect(a.accuracy).toBeCloseTo(3 / 10, 12);
  });

  it('tolerance is ±2 semitones by default and configurable; lengths may differ', () => {
    expect(analyzeCompletion([[60]], [[62]]).total.misplaced).toBe(1);
    expect(analyzeCompletion([[60]], [[63]]).total.misplaced).toBe(0);
    expect(analyzeCompletion([[60]], [[63]], { tolerance: 3 }).total.misplaced).toBe(1);
    const a = analyzeCompletion([[60], [62]], [[60]]);
    expect(a.perStep.length).toBe(2);
    expect(a.total).toEqual({ correct: 1, missed: 1, misplaced: 0, falsePositives: 0 });
  });

  it('perfect and empty predictions', () => {
    const t = [[60, 64, 67], [62]];
    expect(analyzeCompletion(t, t)).toMatchObject({ precision: 1, recall: 1, accuracy: 1 });
    expect(analyzeCompletion(t, [[], []])).toMatchObject({ precision: 1, recall: 0, accuracy: 0 });
    expect(analyzeCompletion([], [])).toMatchObject({ precision: 1, recall: 1, accuracy: 1 });
  });
});
