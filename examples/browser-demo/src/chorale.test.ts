import * as tf from '@tensorflow/tfjs-core';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import { readMidi } from '@rnn-nade/data-midi';
import { LIMITS, choraleMidi, dataSpec, generateChorale, parseSettings } from './chorale';

const demoModel = fileURLToPath(new URL('../demo-model', import.meta.url));

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('settings from the page controls', () => {
  it('parses numbers, clamps to the limits, and falls back to defaults on junk', () => {
    expect(parseSettings({ steps: '48', temperature: '0.9', seed: '7' })).toEqual({ steps: 48, temperature: 0.9, seed: 7 });
    expect(parseSettings({ steps: '100000', temperature: '-1', seed: '-5' })).toEqual({
      steps: LIMITS.steps.max,
      temperature: LIMITS.temperature.min,
      seed: 0,
    });
    expect(parseSettings({ steps: 'abc', temperature: '', seed: 'NaN' })).toEqual({ steps: 64, temperature: 1, seed: 1 });
    expect(parseSettings({ steps: '10.6' }).steps).toBe(11);
  });

  it('reads the pitch range and grid from model metadata, with JSB defaults', () => {
    expect(dataSpec({ data: { low: 36, stepsPerQuarter: 4 } })).toEqual({ low: 36, stepsPerQuarter: 4 });
    expect(dataSpec({})).toEqual({ low: 21, stepsPerQuarter: 1 });
  });
});

describe('generation from the committed demo model', () => {
  it('gives a reproducible chorale in the 88-key range and a MIDI file with the same notes, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const { model, metadata } = await SequenceModel.load(demoModel);
    const spec = dataSpec(metadata);
    expect(spec).toEqual({ low: 21, stepsPerQuarter: 1 });
    const settings = { steps: 32, temperature: 1, seed: 3 };
    const a = await generateChorale(model, settings, spec);
    const b = await generateChorale(model, settings, spec);
    const c = await generateChorale(model, { ...settings, seed: 4 }, spec);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(a.steps).toHaveLength(32);
    expect(a.steps).toEqual(b.steps);
    expect(c.steps).not.toEqual(a.steps);
    expect(a.notes).toBeGreaterThan(0);
    for (const step of a.steps) for (const p of step) expect(p >= 21 && p <= 108).toBe(true);
    const bytes = choraleMidi(a, 80);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('MThd');
    const back = readMidi(bytes, { stepsPerQuarter: 1 });
    expect(back.steps.slice(0, 32).map((s) => [...s].sort((x, y) => x - y))).toEqual(a.steps.map((s) => [...s].sort((x, y) => x - y)));
  });
});
