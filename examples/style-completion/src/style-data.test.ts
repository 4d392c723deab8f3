import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import { readMidiFile, rollConditioning } from '@rnn-nade/data-midi/node';
import { join } from 'node:path';
import { stepsPerBar } from './bars';
import { completePiece } from './completion';
import { chooseDecoding } from './choose-decoding';
import { continuationLogLikelihood, evaluateCompletionSet, taskSequences } from './completion-eval';
import { baselineContinuation } from './continuation-baselines';
import { analyzeCompletion } from '@rnn-nade/data-midi/node';
import { figure6Svg } from './figure6-svg';
import { dataDirOrDefault } from './paths';
import { loadStyleData, type StyleData } from './piano-data';
import { pieceSequence } from './piece-sequence';

let data: StyleData;
let model: SequenceModel;
beforeAll(async () => {
  await initBackend({ log: null });
  data = await loadStyleData();
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: 8, seed: 1 });
  model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 8 }, estimator, seed: 1 });
});
afterAll(() => model?.dispose());

describe('stepsPerBar', () => {
  it('follows the first time signature on the grid, 4/4 by default', () => {
    expect(stepsPerBar({ stepsPerQuarter: 2 })).toBe(8);
    expect(stepsPerBar({ stepsPerQuarter: 2, timeSignatures: [{ numerator: 3, denominator: 4 }] })).toBe(6);
    expect(stepsPerBar({ stepsPerQuarter: 2, timeSignatures: [{ numerator: 6, denominator: 8 }] })).toBe(6);
    expect(stepsPerBar({ stepsPerQuarter: 2, timeSignatures: [{ numerator: 2, denominator: 4 }] })).toBe(4);
  });
});

describe('style-completion data', () => {
  it('holds out every Mozart piece and half of piano-midi-de-extra, and keeps one ASAP file per work', () => {
    expect(data.skipped).toEqual([]);
    expect(data.mozart.map((p) => p.file)).toHaveLength(21);
    expect(data.mozart.every((p) => p.file.startsWith('mozart/') && p.era === 'classical')).toBe(true);
    expect(data.counts.asapMozartLeftOut).toBe(6);
    // 279 classical-piano-midi files = 21 Mozart + the rest in train / valid.
    expect(data.counts.classicalPianoMidi).toBe(279 - 21);
    // 42 piano-midi-de-extra files: the held-out half is never trained on.
    expect(data.counts.pianoMidiDeExtra! + data.counts.otherHeldOut!).toBe(42);
    expect(data.other.every((p) => p.file.startsWith('piano-midi-de-extra/'))).toBe(true);
    const total = data.counts.classicalPianoMidi! + data.counts.pianoMidiDeExtra! + data.counts.asapScores!;
    expect(data.pretrain.train.length + data.pretrain.valid.length).toBe(total);
    expect(data.valid).toHaveLength(data.pretrain.valid.length);
    // the fine-tuning split is the classical-era part of the same train / valid pieces
    expect(data.finetune.train.every((s) => data.pretrain.train.includes(s) && data.eras.get(s) === 'classical')).toBe(true);
    expect(data.finetune.train.length).toBe(data.pretrain.train.filter((s) => data.eras.get(s) === 'classical').length);
    expect(data.pretrain.train.every((s) => (data.barSteps.get(s) ?? 0) >= 1)).toBe(true);
    const k545 = data.mozart.find((p) => p.file === 'mozart/mz_545_1.mid')!;
    expect(k545.roll.stepsPerQuarter).toBe(2);
    expect(stepsPerBar(k545.roll)).toBe(8);
  });
});

describe('completePiece', () => {
  it('primes with the first 4 bars, scores the next 4, and averages Figure 6 counts over samples', async () => {
    const piece = data.mozart.find((p) => p.file === 'mozart/mz_545_1.mid')!;
    const before = tf.memory().numTensors;
    const c = await completePiece(model, piece, { bars: 4, continueBars: 4, samples: 3 });
    expect(tf.memory().numTensors).toBe(before);
    const direct = await readMidiFile(join(dataDirOrDefault()!, 'classical-piano-midi', piece.file), { stepsPerQuarter: 2 });
    expect(c.primer).toEqual(direct.steps.slice(0, 32));
    expect(c.truth).toEqual(direct.steps.slice(32, 64));
    expect(c.samples).toHaveLength(3);
    for (const [i, a] of c.analyses.entries()) {
      const predicted = c.samples[i]!.reduce((n, s) => n + s.length, 0);
      expect(a.total.correct + a.total.misplaced + a.total.falsePositives).toBe(predicted);
      expect(a.total.correct + a.total.missed).toBe(c.summary.truthNotes);
    }
    for (let t = 0; t < 32; t++) {
      const m = c.analyses.reduce((s, a) => s + a.perStep[t]!.missed + a.perStep[t]!.misplaced + a.perStep[t]!.falsePositives, 0) / 3;
      expect(c.means.error[t]).toBeCloseTo(m, 12);
      expect(c.means.truth[t]).toBe(c.truth[t]!.length);
    }
    const svg = figure6Svg(c.means, { title: 'test', barSteps: c.barSteps });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(5);
    // Same seeds, same continuations.
    const again = await completePiece(model, piece, { bars: 4, continueBars: 4, samples: 1 });
    expect(again.samples[0]).toEqual(c.samples[0]);
  });
});

describe('a model with metric position and phrases', () => {
  it("reads each slice's rows from the whole piece, so the continuation keeps its bar and phrase", async () => {
    const estimator = getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: 4, seed: 2 });
    const conditioning = {
      features: [
        { kind: 'metric' as const, stepsPerBeat: 2, beatsPerBar: 6, barsPerPhrase: 4 },
        { kind: 'lookback' as const, lags: [8], repeats: true },
      ],
    };
    const m = SequenceModel.create({ encoder: { inputDim: 88, hidden: 6 }, estimator, conditioning, seed: 2 });
    try {
      const piece = data.mozart.find((p) => p.file === 'mozart/mz_545_1.mid')!;
      const bar = stepsPerBar(piece.roll);
      const C = 2 + 6 + 4; // the lookback channels are derived by the model, not supplied
      const slice = pieceSequence(m, piece.roll, 4 * bar, 8 * bar);
      expect(slice.conditioning!.channels).toBe(C);
      expect(slice.conditioning!.data).toEqual(rollConditioning(piece.roll, m.conditioning!).data.slice(4 * bar * C, 8 * bar * C));
      // bar 5 starts the second 4-bar phrase; its second bar is phrase bar 1
      expect([...slice.conditioning!.data.subarray(8, 12)]).toEqual([1, 0, 0, 0]);
      expect([...slice.conditioning!.data.subarray(bar * C + 8, bar * C + 12)]).toEqual([0, 1, 0, 0]);
      const before = tf.memory().numTensors;
      const c = await completePiece(m, piece, { samples: 1 });
      expect(c.samples[0]).toHaveLength(4 * bar);
      const ll = await continuationLogLikelihood(m, [piece]);
      expect(tf.memory().numTensors).toBe(before);
      // the continuation is scored with its rows: the same as evaluating primer + truth by hand
      const { primer, full } = taskSequences(m, piece);
      const f = await m.evaluate([full]);
      const q = await m.evaluate([primer]);
      expect(ll.perStep).toBeCloseTo((f.logLikelihoodPerStep * f.frames - q.logLikelihoodPerStep * q.frames) / (4 * bar), 4);
      // an unconditioned model gets plain frames
      expect(pieceSequence(model, piece.roll, 0, bar).conditioning).toBeUndefined();
    } finally {
      m.dispose();
    }
  });
});

describe('evaluateCompletionSet / continuationLogLikelihood / chooseDecoding', () => {
  it('scores the model and the baselines on the same steps, and the continuation likelihood given the primer', async () => {
    const pieces = data.mozart.slice(0, 2);
    const before = tf.memory().numTensors;
    const r = await evaluateCompletionSet(model, pieces, { decoding: { temperature: 1, candidates: 2, adaptSteps: 2, adaptLearningRate: 0.01 }, samples: 2 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.rows).toHaveLength(2);
    for (const row of r.rows) {
      const c = row.completion;
      const last = baselineContinuation('repeat-last-bar', c.primer, { barSteps: c.barSteps, steps: c.truth.length });
      expect(row.baselines['repeat-last-bar']).toBeCloseTo(analyzeCompletion(c.truth, last).accuracy, 12);
      expect(row.baselines.silence).toBe(0);
    }
    expect(r.model).toBeCloseTo((r.rows[0]!.completion.summary.accuracy + r.rows[1]!.completion.summary.accuracy) / 2, 12);
    // pooled over pieces: Σ(log p(full) - log p(primer)) / Σ continuation steps, from per-piece evaluations
    let sum = 0;
    let steps = 0;
    for (const p of pieces) {
      const { primer, full } = taskSequences(model, p);
      const f = await model.evaluate([full]);
      const q = await model.evaluate([primer]);
      sum += f.logLikelihoodPerStep * f.frames - q.logLikelihoodPerStep * q.frames;
      steps += full.steps - primer.steps;
    }
    const ll = await continuationLogLikelihood(model, pieces);
    expect(ll.steps).toBe(steps);
    expect(ll.perStep).toBeCloseTo(sum / steps, 4);
    // adapting to each primer changes the score and leaves the weights as they were
    const adapted = await continuationLogLikelihood(model, pieces, { adapt: { steps: 3, learningRate: 0.05 } });
    expect(adapted.perStep).not.toBeCloseTo(ll.perStep, 4);
    expect((await continuationLogLikelihood(model, pieces)).perStep).toBeCloseTo(ll.perStep, 6);
  });

  it('chooses the decoding with the best validation accuracy', async () => {
    const grid = [
      { temperature: 1, candidates: 1, adaptSteps: 0 },
      { temperature: 0.5, candidates: 1, adaptSteps: 0 },
    ];
    const choice = await chooseDecoding(model, data.valid.slice(0, 3), { samples: 1, grid });
    expect(choice.trials.map((t) => t.decoding)).toEqual(grid);
    const top = Math.max(...choice.trials.map((t) => t.accuracy));
    expect(choice.trials.find((t) => t.decoding === choice.best)!.accuracy).toBe(top);
    expect(choice.pieces).toBeGreaterThan(0);
  });
});
