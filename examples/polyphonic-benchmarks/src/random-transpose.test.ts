import { Rng, pitchesToSequence } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { activeRange, randomTransposition } from './random-transpose';

describe('random transposition', () => {
  const seq = pitchesToSequence([[60, 64, 67], [], [62]]);
  const low = pitchesToSequence([[21, 25], [23]]);

  it('moves every note by one shift within ±max, keeping notes in range, repeatably', () => {
    const aug = randomTransposition(6);
    const shifts = new Set<number>();
    const rng = new Rng(5);
    for (let i = 0; i < 200; i++) {
      const [out] = aug([seq], rng);
      const [lo, hi] = activeRange(out!);
      const shift = lo - activeRange(seq)[0];
      expect(hi - lo).toBe(7);
      expect(Math.abs(shift)).toBeLessThanOrEqual(6);
      expect(out!.steps).toBe(3);
      shifts.add(shift);
    }
    expect(shifts.size).toBe(13);
    expect(aug([seq, low], new Rng(9))).toEqual(aug([seq, low], new Rng(9)));
  });

  it('never pushes notes out of the roll (lowest key can only go up)', () => {
    const aug = randomTransposition(6);
    const rng = new Rng(1);
    for (let i = 0; i < 100; i++) {
      const [out] = aug([low], rng);
      expect(activeRange(out!)[0]).toBeGreaterThanOrEqual(0);
    }
  });

  it('leaves silent sequences and maxShift 0 alone; rejects bad maxShift', () => {
    const silent = pitchesToSequence([[], []]);
    expect(randomTransposition(6)([silent], new Rng(0))[0]).toBe(silent);
    expect(randomTransposition(0)([seq], new Rng(0))[0]).toBe(seq);
    expect(() => randomTransposition(-1)).toThrow(RangeError);
  });
});
