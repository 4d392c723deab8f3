import { describe, expect, it } from 'vitest';
import { Rng, type SequenceData } from '@rnn-nade/core';
import { fitPositionRates, repeatLastBar, samplePositionRates } from './groove-baselines';
import { CLOSED_HIHAT, KICK, grooveStats, lagAutocorrelation } from './groove-metrics';

/** A 9-class roll from "step: classes" hits. */
function roll(steps: number, hits: (t: number) => number[]): SequenceData {
  const data = new Float32Array(steps * 9);
  for (let t = 0; t < steps; t++) for (const c of hits(t)) data[t * 9 + c] = 1;
  return { steps, dim: 9, data };
}

/** Pearson correlation in float64, written out independently of the implementation. */
function pearson(a: number[], b: number[]): number {
  const m = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [m(a), m(b)];
  const cov = a.reduce((s, v, i) => s + (v - ma) * (b[i]! - mb), 0);
  const va = a.reduce((s, v) => s + (v - ma) ** 2, 0);
  const vb = b.reduce((s, v) => s + (v - mb) ** 2, 0);
  return cov / Math.sqrt(va * vb);
}

describe('groove measures', () => {
  it('a repeated bar has autocorrelation 1 at one bar; its measures are exact counts', () => {
    // kick on 1 and 3, snare on 2 and 4, closed hi-hat on every 8th
    const beat = roll(64, (t) => [...(t % 8 === 0 ? [KICK] : []), ...(t % 8 === 4 ? [1] : []), ...(t % 2 === 0 ? [CLOSED_HIHAT] : [])]);
    expect(lagAutocorrelation(beat)).toBeCloseTo(1, 12);
    const s = grooveStats([beat]);
    expect(s.closedHihatRate).toBe(32 / 64);
    expect(s.kickRate).toBe(8 / 64);
    expect(s.kickOnDownbeat).toBe(4 / 8); // kicks on steps 0 and 8 of each bar: half on the downbeat
    expect(s.hitsPerStep).toBe((32 + 8 + 8) / 64);
  });

  it('matches an independent Pearson correlation on a random roll, and is 0 for silence', () => {
    const rng = new Rng(7);
    const r = roll(40, () => [...Array(9).keys()].filter(() => rng.next() < 0.3));
    const x = Array.from(r.data);
    expect(lagAutocorrelation(r, 16)).toBeCloseTo(pearson(x.slice(0, 24 * 9), x.slice(16 * 9)), 10);
    expect(lagAutocorrelation(roll(64, () => []))).toBe(0);
    expect(lagAutocorrelation(roll(10, (t) => [t % 9]))).toBe(0); // shorter than a bar + 1
    expect(grooveStats([roll(32, () => [])]).kickOnDownbeat).toBeNull();
  });

  it('averages autocorrelation over rolls and pools the rates over steps', () => {
    const a = roll(32, (t) => (t % 4 === 0 ? [CLOSED_HIHAT] : []));
    const b = roll(16, () => [KICK]);
    const s = grooveStats([a, b]);
    expect(s.barAutocorrelation).toBeCloseTo((1 + 0) / 2, 12);
    expect(s.closedHihatRate).toBe(8 / 48);
    expect(s.kickOnDownbeat).toBe(1 / 16);
    expect([s.rolls, s.steps]).toEqual([2, 48]);
  });
});

describe('continuation baselines', () => {
  it('repeat-last-bar tiles the primer`s last 16 steps', () => {
    const primer = roll(32, (t) => [t % 9]);
    const rep = repeatLastBar(primer, 40);
    for (let t = 0; t < 40; t++)
      expect(Array.from(rep.data.subarray(t * 9, t * 9 + 9))).toEqual(Array.from(primer.data.subarray((16 + (t % 16)) * 9, (17 + (t % 16)) * 9)));
  });

  it('position rates are frequencies per 16th; their samples follow them', () => {
    const train = [roll(32, (t) => (t % 16 === 0 ? [KICK] : t % 2 === 0 ? [CLOSED_HIHAT] : []))];
    const rates = fitPositionRates(train, 16);
    expect(rates[0 * 9 + KICK]).toBe(1);
    expect(rates[2 * 9 + CLOSED_HIHAT]).toBe(1);
    expect(rates[1 * 9 + CLOSED_HIHAT]).toBe(0);
    expect(fitPositionRates(train, 1)[KICK]).toBe(2 / 32);
    const drawn = samplePositionRates(rates, { positions: 16, steps: 32, startStep: 16, seed: 1 });
    expect(Array.from(drawn.data)).toEqual(Array.from(train[0]!.data)); // rates of 0 and 1 are deterministic
    const flat = samplePositionRates(new Float64Array(9).fill(0.25), { positions: 1, steps: 4000, startStep: 0, seed: 2 });
    expect(flat.data.reduce((a, x) => a + x, 0) / flat.data.length).toBeCloseTo(0.25, 1);
  });
});
