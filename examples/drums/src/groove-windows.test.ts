import { describe, expect, it } from 'vitest';
import { Rng, type SequenceData } from '@rnn-nade/core';
import { barAlignedWindows, barWindows, sliceSteps } from './groove-windows';

/** A 1-class sequence whose value at step t is t (so windows show where they came from), with 2 conditioning channels [t, -t]. */
function ramp(steps: number): SequenceData {
  const cond = new Float32Array(steps * 2);
  for (let t = 0; t < steps; t++) cond.set([t, -t], t * 2);
  return { steps, dim: 1, data: Float32Array.from({ length: steps }, (_, t) => t), conditioning: { channels: 2, data: cond } };
}

describe('bar-aligned windows', () => {
  it('sliceSteps copies frames and conditioning rows', () => {
    const s = sliceSteps(ramp(40), 16, 20);
    expect(Array.from(s.data)).toEqual([16, 17, 18, 19]);
    expect(Array.from(s.conditioning!.data)).toEqual([16, -16, 17, -17, 18, -18, 19, -19]);
  });

  it('barWindows cuts non-overlapping windows on bar lines and drops the short tail', () => {
    const w = barWindows([ramp(100), ramp(20)], { bars: 2 });
    expect(w.map((x) => x.data[0])).toEqual([0, 32, 64]);
    expect(w.every((x) => x.steps === 32)).toBe(true);
  });

  it('every training window starts on a bar line; all bars are covered; short sequences stay whole', () => {
    const aug = barAlignedWindows({ windowBars: 4 });
    const rng = new Rng(3);
    const offsets = new Set<number>();
    for (let epoch = 0; epoch < 20; epoch++) {
      const out = aug([ramp(200), ramp(40)], rng);
      const short = out.filter((x) => x.steps === 40 && x.data[39] === 39);
      expect(short).toHaveLength(1);
      const long = out.filter((x) => x !== short[0]);
      for (const x of long) {
        expect(x.data[0]! % 16).toBe(0);
        expect(x.steps).toBeLessThanOrEqual(64);
        expect(x.conditioning!.data[0]).toBe(x.data[0]);
      }
      const covered = long.flatMap((x) => Array.from(x.data)).sort((a, b) => a - b);
      // each step at most once, every one of the 12 whole bars; the 8-step tail only as part of a longer window
      expect(covered).toEqual(Array.from({ length: covered.length }, (_, t) => t));
      expect([192, 200]).toContain(covered.length);
      offsets.add(long.map((x) => x.data[0]!).sort((a, b) => a - b)[1]!);
    }
    expect(offsets.size).toBeGreaterThan(1); // the window boundaries move between epochs
  });

  it('maxWindows keeps that many distinct bar-aligned windows per long sequence', () => {
    const out = barAlignedWindows({ windowBars: 2, maxWindows: 2 })([ramp(320)], new Rng(1));
    expect(out).toHaveLength(2);
    expect(new Set(out.map((x) => x.data[0])).size).toBe(2);
    for (const x of out) expect(x.data[0]! % 16).toBe(0);
    expect(() => barAlignedWindows({ windowBars: 0 })).toThrow(/windowBars/);
  });
});
