import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { DRUM_CLASS_GM_NOTES, readMidiFile, type MidiCorpus } from '@rnn-nade/data-midi/node';
import { evaluateDrums } from './evaluate-drums';
import { loadGroove } from './groove-data';
import { drumSequenceToRoll, writeGrooves } from './grooves';
import { DRUM_MODEL_DIR } from './paths';

let groove: MidiCorpus;
const tmp = mkdtempSync(join(tmpdir(), 'rnn-nade-drums-'));
beforeAll(async () => {
  await initBackend({ log: null });
  groove = await loadGroove();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Independent float64 per-class Bernoulli with Laplace α = 1, fitted on train, pooled over test frames. */
function baselineByHand(train: MidiCorpus['train'], test: MidiCorpus['test']): number {
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
  it('loads the info.csv split (897 / 124 / 129) as 9-class 16th-note rolls', () => {
    expect([groove.train.length, groove.valid.length, groove.test.length]).toEqual([897, 124, 129]);
    expect(groove.dim).toBe(9);
    expect(groove.stepsPerQuarter).toBe(4);
  });

  it('the committed models/groove-drums beats the frame-independent baseline on the test split', async () => {
    const before = tf.memory().numTensors;
    const e = await evaluateDrums(DRUM_MODEL_DIR, groove);
    expect(tf.memory().numTensors).toBe(before);
    expect(e.frames).toBe(groove.test.reduce((a, s) => a + s.steps, 0));
    expect(e.baselineLogLikelihood).toBeCloseTo(baselineByHand(groove.train, groove.test), 6);
    expect(e.uniformLogLikelihood).toBeCloseTo(9 * Math.log(0.5), 10);
    expect(e.modelLogLikelihood).toBeGreaterThan(e.baselineLogLikelihood + 0.5);
    expect(e.modelLogLikelihood).toBeLessThan(0);
    expect((e.metadata.data as { stepsPerQuarter: number }).stepsPerQuarter).toBe(4);
  });

  it('writes generated grooves as channel-10 MIDI that reads back as the same drum roll', async () => {
    const { model } = await SequenceModel.load(DRUM_MODEL_DIR);
    try {
      const before = tf.memory().numTensors;
      const out = await writeGrooves(model, tmp, { count: 1, steps: 32, firstSeed: 5 });
      expect(tf.memory().numTensors).toBe(before);
      expect(out.files).toEqual(['groove-5.mid', 'groove-5.svg']);
      const again = drumSequenceToRoll(await model.sample({ steps: 32, seed: 5 }));
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
