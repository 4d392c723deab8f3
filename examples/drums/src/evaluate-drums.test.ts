import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { DRUM_CLASS_GM_NOTES, readMidiFile } from '@rnn-nade/data-midi/node';
import { DRUM_CONTINUE_DECODING, DRUM_DECODING } from './drum-config';
import { evaluateDrums } from './evaluate-drums';
import { DRUM_CONDITIONING, loadGrooveData, type GrooveData } from './groove-data';
import { concatSteps, sampleGroove, withGrooveConditioning } from './groove-decode';
import { evaluateGroove } from './groove-evaluation';
import { drumSequenceToRoll, writeGrooves } from './grooves';
import { DRUM_MODEL_DIR } from './paths';

let groove: GrooveData;
const tmp = mkdtempSync(join(tmpdir(), 'rnn-nade-drums-'));
beforeAll(async () => {
  await initBackend({ log: null });
  groove = await loadGrooveData({ conditioning: DRUM_CONDITIONING });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Independent float64 per-class Bernoulli with Laplace α = 1, fitted on train, pooled over test frames. */
function baselineByHand(train: GrooveData['train']['rolls'], test: GrooveData['test']['rolls']): number {
  const on = new Float64Array(9);
  let n = 0;
  for (const s of train) {
    n += s.steps;
    for (let i = 0; i < s.data.length; i++) on[i % 9]! += s.data[i]!;
  }
  const p = Array.from(on, (k) => (k + 1) / (n + 2));
  let ll = 0;
  let frames = 0;
  for (const s of test) {
    frames += s.steps;
    for (let i = 0; i < s.data.length; i++) ll += Math.log(s.data[i]! > 0.5 ? p[i % 9]! : 1 - p[i % 9]!);
  }
  return ll / frames;
}

describe('Groove MIDI drum model', () => {
  it('loads the info.csv split in 4/4 with beat / fill labels and metric + label conditioning rows', () => {
    expect([groove.corpus.train.length, groove.corpus.valid.length, groove.corpus.test.length]).toEqual([897, 124, 129]);
    expect(groove.notFourFour).toEqual({ train: 10, valid: 2, test: 0 });
    expect([groove.train.rolls.length, groove.valid.rolls.length, groove.test.rolls.length]).toEqual([887, 122, 129]);
    expect(groove.test.types.filter((t) => t === 'beat')).toHaveLength(77);
    const s = groove.test.rolls[0]!;
    const C = s.conditioning!.channels;
    expect(C).toBe(4 + 4 + 2); // 16th-in-beat + beat-in-bar + beat/fill
    const row = (t: number) => Array.from(s.conditioning!.data.subarray(t * C, (t + 1) * C));
    expect(row(0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, ...(groove.test.types[0] === 'beat' ? [1, 0] : [0, 1])]);
    expect(row(17).slice(0, 8)).toEqual([0, 1, 0, 0, 1, 0, 0, 0]); // bar 2, beat 1, second 16th
  });

  it('the committed models/groove-drums beats the frame-independent baseline on the test split', async () => {
    const before = tf.memory().numTensors;
    const e = await evaluateDrums(DRUM_MODEL_DIR, groove);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.frames).toBe(groove.test.rolls.reduce((a, s) => a + s.steps, 0));
    expect(e.baselineLogLikelihood).toBeCloseTo(baselineByHand(groove.train.rolls, groove.test.rolls), 6);
    expect(e.uniformLogLikelihood).toBeCloseTo(9 * Math.log(0.5), 10);
    expect(e.modelLogLikelihood).toBeGreaterThan(e.baselineLogLikelihood + 0.5);
    expect(e.modelLogLikelihood).toBeLessThan(0);
    expect(e.metadata.data).toMatchObject({ stepsPerQuarter: 4, drums: true, channel: 10, pitches: [...DRUM_CLASS_GM_NOTES] });
  });

  it('best-of-N keeps the candidate the model finds most likely', async () => {
    const { model } = await SequenceModel.load(DRUM_MODEL_DIR);
    try {
      const primer = { ...groove.test.rolls[0]!, steps: 32, data: groove.test.rolls[0]!.data.slice(0, 32 * 9) };
      const primerRows = groove.test.rolls[0]!.conditioning!;
      const type = groove.test.types[0]!;
      const withRows = { ...primer, conditioning: { channels: primerRows.channels, data: primerRows.data.slice(0, 32 * primerRows.channels) } };
      const decoding = { temperature: 1, bestOf: 3 };
      const best = await sampleGroove(model, { steps: 16, primer: withRows, type, seed: 5, decoding });
      const scores: number[] = [];
      for (let k = 0; k < 3; k++) {
        const cand = await sampleGroove(model, { steps: 16, primer: withRows, type, seed: 5 + k * 7919 });
        scores.push((await model.evaluate([withGrooveConditioning(model, concatSteps(primer, cand), type)])).logLikelihoodPerStep);
        if (Array.from(cand.data).join() === Array.from(best.data).join()) expect(scores[k]).toBe(Math.max(...scores));
      }
      const bestScore = (await model.evaluate([withGrooveConditioning(model, concatSteps(primer, best), type)])).logLikelihoodPerStep;
      expect(bestScore).toBeCloseTo(Math.max(...scores), 6);
    } finally {
      model.dispose();
    }
  });

  it('the committed model plays grooves: unprimed samples repeat at one bar far more than the old fills (0.27)', async () => {
    const { model } = await SequenceModel.load(DRUM_MODEL_DIR);
    try {
      const g = await evaluateGroove(model, groove.train, groove.test, {
        unprimed: 16,
        samples: 1,
        decoding: DRUM_DECODING,
        primedDecoding: DRUM_CONTINUE_DECODING,
      });
      expect(g.unprimed.barAutocorrelation).toBeGreaterThan(0.4);
      expect(g.primed.model).toBeGreaterThan(g.primed.metricPosition);
      expect(g.primed.repeatLastBar).toBeGreaterThan(0.5); // Groove's beats repeat: the baseline to beat is strong
    } finally {
      model.dispose();
    }
  });

  it('writes generated grooves as channel-10 MIDI that reads back as the same drum roll', async () => {
    const { model } = await SequenceModel.load(DRUM_MODEL_DIR);
    try {
      const before = tf.memory().numTensors;
      const out = await writeGrooves(model, tmp, { count: 1, steps: 32, firstSeed: 5 });
      expect(tf.memory().numTensors).toBe(before);
      expect(out.files).toEqual(['groove-5.mid', 'groove-5.svg']);
      const again = drumSequenceToRoll(await sampleGroove(model, { steps: 32, seed: 5, type: 'beat' }));
      const back = await readMidiFile(join(tmp, 'groove-5.mid'), { drums: true, stepsPerQuarter: 4 });
      expect(back.report!.notesRead).toBe(out.hits[0]);
      const trimmed = again.steps.slice(0, back.steps.length);
      expect(back.steps).toEqual(trimmed);
      for (const s of again.steps) for (const p of s) expect(DRUM_CLASS_GM_NOTES).toContain(p);
    } finally {
      model.dispose();
    }
  });
});
