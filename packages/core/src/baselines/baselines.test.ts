import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, noteOneGramBaseline, pitchesToSequence, uniformBaseline, type SequenceData } from '@rnn-nade/core';
import { scoreIndependentBernoulli } from '@rnn-nade/core/advanced';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');

type Corpus = Record<'train' | 'valid' | 'test', number[][][]>;
const corpus = JSON.parse(readFileSync(join(dataDir, 'jsb-chorales', 'jsb-chorales-quarter.json'), 'utf8')) as Corpus;
const jsb = {
  train: corpus.train.map((s) => pitchesToSequence(s)),
  valid: corpus.valid.map((s) => pitchesToSequence(s)),
  test: corpus.test.map((s) => pitchesToSequence(s)),
};

describe('metric checks on JSB Chorales (quarter notes, 88 keys)', () => {
  it('has the documented splits: 229/76/77 chorales, 13,807/4,602/4,725 frames', () => {
    expect([jsb.train.length, jsb.valid.length, jsb.test.length]).toEqual([229, 76, 77]);
    const frames = (split: SequenceData[]): number => split.reduce((a, s) => a + s.steps, 0);
    expect([frames(jsb.train), frames(jsb.valid), frames(jsb.test)]).toEqual([13807, 4602, 4725]);
    expect(jsb.test.every((s) => s.dim === 88)).toBe(true);
  });

  it('note 1-gram fitted on train scores -11.06 (ICML 2012) per step on test, every frame counted', () => {
    const r = noteOneGramBaseline(jsb.train, jsb.test);
    expect(r.frames).toBe(4725);
    expect(r.sequences).toBe(77);
    expect(Math.abs(r.logLikelihoodPerStep - -11.06)).toBeLessThan(0.005);
    // independent recomputation straight from the pitch lists, with the same Laplace smoothing
    const on = new Map<number, number>();
    let trainFrames = 0;
    for (const steps of corpus.train)
      for (const step of steps) {
        trainFrames++;
        for (const p of step) on.set(p, (on.get(p) ?? 0) + 1);
      }
    let total = 0;
    let testFrames = 0;
    for (const steps of corpus.test) {
      for (const step of steps) {
        testFrames++;
        for (let pitch = 21; pitch <= 108; pitch++) {
          const q = ((on.get(pitch) ?? 0) + 1) / (trainFrames + 2);
          total += Math.log(step.includes(pitch) ? q : 1 - q);
        }
      }
    }
    expect(r.logLikelihoodPerStep).toBeCloseTo(total / testFrames, 9);
  });

  it('the unseen-key treatment only matters at zero smoothing (-Infinity: MIDI 45 is never heard in train)', () => {
    expect(noteOneGramBaseline(jsb.train, jsb.test, { smoothing: 0 }).logLikelihoodPerStep).toBe(Number.NEGATIVE_INFINITY);
    for (const smoothing of [0.1, 0.5, 1]) {
      const r = noteOneGramBaseline(jsb.train, jsb.test, { smoothing });
      expect(Math.abs(r.logLikelihoodPerStep - -11.06)).toBeLessThan(0.005);
    }
    const fitted = noteOneGramBaseline(jsb.train, jsb.test).probabilities;
    expect(fitted[45 - 21]).toBeCloseTo(1 / (13807 + 2), 12);
    // a model fitted on the test split itself must do at least as well (ML is optimal in-sample)
    expect(noteOneGramBaseline(jsb.test, jsb.test).logLikelihoodPerStep).toBeGreaterThan(-11.06);
  });

  it('uniform p = 1/2 scores 88 ln 0.5 = -61.00 per step on every split', () => {
    for (const split of [jsb.train, jsb.valid, jsb.test]) {
      const r = uniformBaseline(split);
      expect(Math.abs(r.logLikelihoodPerStep - -61.0)).toBeLessThan(0.005);
      expect(r.logLikelihoodPerStep).toBeCloseTo(88 * Math.log(0.5), 10);
    }
    expect(uniformBaseline(jsb.test).frames).toBe(4725);
  });
});

describe('baseline input checks', () => {
  const a = pitchesToSequence([[60], [62, 64], []]);
  const narrow = pitchesToSequence([[60]], { low: 48, high: 72 });

  it('scores a tiny hand-computed case exactly', () => {
    // keys on in train: 60 once, 62 once, 64 once over 3 frames; alpha = 1 -> p = 2/5 for them, 1/5 otherwise
    const r = noteOneGramBaseline([a], [pitchesToSequence([[60]])]);
    const want = Math.log(2 / 5) + 2 * Math.log(3 / 5) + 85 * Math.log(4 / 5);
    expect(r.logLikelihoodPerStep).toBeCloseTo(want, 12);
    expect(scoreIndependentBernoulli(new Float64Array(88).fill(0.5), [a]).frames).toBe(3);
  });

  it('rejects empty splits, mixed dimensions and bad smoothing with typed errors', () => {
    expect(() => noteOneGramBaseline([], [a])).toThrow(ShapeError);
    expect(() => noteOneGramBaseline([a], [])).toThrow(ShapeError);
    expect(() => noteOneGramBaseline([a, narrow], [a])).toThrow(/dimension/);
    expect(() => noteOneGramBaseline([a], [narrow])).toThrow(ShapeError);
    expect(() => noteOneGramBaseline([a], [a], { smoothing: -1 })).toThrow(ConfigError);
    expect(() => noteOneGramBaseline([a], [a], { smoothing: Number.NaN })).toThrow(ConfigError);
    expect(() => uniformBaseline([])).toThrow(ShapeError);
    expect(() => uniformBaseline([{ steps: 2, dim: 3, data: new Float32Array(5) }])).toThrow(/steps × dim/);
  });
});
