import { describe, expect, it } from 'vitest';
import { Rng, type SequenceData } from '@rnn-nade/core';
import { barAlignedCrop, sliceSequence } from './bar-crop';
import { composerOf, eraOf } from './composers';
import { baselineContinuation } from './continuation-baselines';
import { asapWorkKey } from './piano-sources';
import { decodingLabel } from './completion';
import { storedDecoding } from './evaluate-style';

describe('baselineContinuation', () => {
  const primer = [[60], [62], [64, 67], [65], [], [72]];
  it('loops the last bar, the whole primer, or plays nothing', () => {
    expect(baselineContinuation('repeat-last-bar', primer, { barSteps: 2, steps: 5 })).toEqual([[], [72], [], [72], []]);
    expect(baselineContinuation('repeat-primer', primer, { barSteps: 2, steps: 8 })).toEqual([[60], [62], [64, 67], [65], [], [72], [60], [62]]);
    expect(baselineContinuation('silence', primer, { barSteps: 2, steps: 3 })).toEqual([[], [], []]);
  });
  it('copies the steps (editing the result leaves the primer alone)', () => {
    const out = baselineContinuation('repeat-primer', primer, { barSteps: 2, steps: 1 });
    out[0]!.push(1);
    expect(primer[0]).toEqual([60]);
  });
});

describe('barAlignedCrop', () => {
  const seq = (steps: number): SequenceData => ({
    steps,
    dim: 2,
    data: Float32Array.from({ length: steps * 2 }, (_, i) => i),
    conditioning: { channels: 1, data: Float32Array.from({ length: steps }, (_, i) => 100 + i) },
  });
  it('starts every crop on a bar line, keeps the window, and slices the conditioning rows alike', () => {
    const long = seq(50);
    const crop = barAlignedCrop(16, () => 6);
    const rng = new Rng(3);
    const starts = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const [c] = crop([long], rng);
      expect(c!.steps).toBe(16);
      const start = c!.data[0]! / 2;
      expect(start % 6).toBe(0);
      expect(start + 16).toBeLessThanOrEqual(50);
      expect(Array.from(c!.conditioning!.data)).toEqual(Array.from({ length: 16 }, (_, t) => 100 + start + t));
      starts.add(start);
    }
    // every bar line that leaves room for the window: 0, 6, ..., 30
    expect([...starts].sort((a, b) => a - b)).toEqual([0, 6, 12, 18, 24, 30]);
  });
  it('keeps short sequences whole and rejects a bad window', () => {
    const short = seq(10);
    expect(barAlignedCrop(16, () => 4)([short], new Rng(1))[0]).toBe(short);
    expect(() => barAlignedCrop(0, () => 4)).toThrow(/window must be an integer/);
    expect(sliceSequence(short, 2, 3).data).toEqual(Float32Array.from([4, 5, 6, 7, 8, 9]));
  });
});

describe('composers and ASAP works', () => {
  it('spells out folder abbreviations and maps composers to style periods', () => {
    expect(composerOf('beeth/appass_1.mid')).toBe('beethoven');
    expect(composerOf('Haydn/Keyboard_Sonatas/6-1/midi_score.mid')).toBe('haydn');
    expect(composerOf('small_test_set/br_im2.mid')).toBe('brahms');
    expect(eraOf('clementi')).toBe('classical');
    expect(eraOf('bach')).toBe('baroque');
    expect(eraOf('ravel')).toBe('modern');
    expect(eraOf('chopin')).toBe('romantic');
  });
  it('gives repeat / no-repeat variants of one ASAP work the same key', () => {
    expect(asapWorkKey('Beethoven/Piano_Sonatas/17-1_no_repeat/midi_score.mid')).toBe('Beethoven/Piano_Sonatas/17-1');
    expect(asapWorkKey('Beethoven/Piano_Sonatas/17-1/midi_score.mid')).toBe('Beethoven/Piano_Sonatas/17-1');
    expect(asapWorkKey('Beethoven/Piano_Sonatas/9-2_no_trio/midi_score.mid')).toBe('Beethoven/Piano_Sonatas/9-2');
    expect(asapWorkKey('Chopin/Sonata_2/3rd_extra_repeat/midi_score.mid')).toBe('Chopin/Sonata_2/3rd');
  });
});

describe('stored completion decodings', () => {
  it('reads the selection rule back from the metadata and names it in the label', () => {
    const stored = storedDecoding({ completion: { temperature: 1, candidates: 8, adaptSteps: 60, adaptLearningRate: 0.01, select: 'consensus' } });
    expect(stored).toEqual({ temperature: 1, candidates: 8, adaptSteps: 60, adaptLearningRate: 0.01, select: 'consensus' });
    expect(decodingLabel(stored)).toBe('T=1, best of 8 by consensus, adapted 60 steps at lr 0.01');
    expect(decodingLabel(storedDecoding({ completion: { temperature: 0.7, candidates: 4, adaptSteps: 0 } }))).toBe('T=0.7, best of 4');
    expect(storedDecoding({})).toEqual({ temperature: 1, candidates: 1, adaptSteps: 0 });
  });

  it('reads step-wise consensus back (the evaluation must decode as the stored choice does)', () => {
    const stored = storedDecoding({ completion: { temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.03, stepDraws: 16 } });
    expect(stored).toEqual({ temperature: 1, candidates: 1, adaptSteps: 60, adaptLearningRate: 0.03, stepDraws: 16 });
    expect(decodingLabel(stored)).toBe('T=1, step-wise consensus of 16, adapted 60 steps at lr 0.03');
    expect(storedDecoding({ completion: { temperature: 1, candidates: 1, adaptSteps: 0, stepDraws: 1 } })).toEqual({
      temperature: 1,
      candidates: 1,
      adaptSteps: 0,
    });
  });
});
