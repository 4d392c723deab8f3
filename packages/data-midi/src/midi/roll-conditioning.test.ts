import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConditioningError, conditioningChannels, type ConditioningSpec, type SequenceData } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../corpus/load-corpus';
import { loadMidiCorpus } from '../corpus/midi-corpus';
import { dataDir } from '../test-util/data-dir';
import { smf, timeSig, track } from '../test-util/smf-builder';
import { readMidi } from './read-midi';
import { metricFeatureFor, rollConditioning, rollMetricPositions } from './roll-conditioning';

/** [stepInBeat, beatInBar] of every step. */
const pairs = (ps: { stepInBeat: number; beatInBar: number }[]) => ps.map((p) => [p.stepInBeat, p.beatInBar]);

/** The metric one-hots of row t of a sequence's conditioning, decoded back to [stepInBeat, beatInBar]. */
function decoded(seq: SequenceData, t: number, stepsPerBeat: number, beatsPerBar: number): number[] {
  const C = seq.conditioning!.channels;
  const row = [...seq.conditioning!.data.subarray(t * C, t * C + stepsPerBeat + beatsPerBar)];
  expect(row.reduce((a, b) => a + b, 0)).toBe(2);
  return [row.indexOf(1), row.indexOf(1, stepsPerBeat) - stepsPerBeat];
}

describe('metric position of a roll', () => {
  it('follows the time signatures: 4/4, then 3/4 from step 16, then 6/8 from step 28 (4 steps per quarter)', () => {
    const roll = {
      steps: { length: 42 },
      stepsPerQuarter: 4,
      timeSignatures: [
        { step: 0, numerator: 4, denominator: 4 },
        { step: 16, numerator: 3, denominator: 4 },
        { step: 28, numerator: 6, denominator: 8 },
      ],
    };
    const p = pairs(rollMetricPositions(roll, { stepsPerBeat: 4, beatsPerBar: 6 }));
    expect(p[0]).toEqual([0, 0]);
    expect(p[7]).toEqual([3, 1]);
    expect(p[15]).toEqual([3, 3]);
    // 3/4 bar lines at 16 and 28
    expect(p[16]).toEqual([0, 0]);
    expect(p[17]).toEqual([1, 0]);
    expect(p[27]).toEqual([3, 2]);
    // 6/8 from 28: an eighth-note beat is 2 steps, its second step is half a beat = step 2 of 4
    expect(p[28]).toEqual([0, 0]);
    expect(p[30]).toEqual([0, 1]);
    expect(p[31]).toEqual([2, 1]);
    expect(p[39]).toEqual([2, 5]);
    expect(p[40]).toEqual([0, 0]);
    // a 4-beat meter folds beats 4 and 5 of the 6/8 bar onto its last beat
    const four = pairs(rollMetricPositions(roll, { stepsPerBeat: 4, beatsPerBar: 4 }));
    expect([four[36], four[38], four[40]]).toEqual([
      [0, 3],
      [0, 3],
      [0, 0],
    ]);
  });

  it('counts bars within a phrase across time-signature changes (a bar cut short counts as one)', () => {
    // 4 steps per quarter: 4/4 bars of 16 steps at 0 and 16, a bar cut short at 32 by 3/4 from 40, 3/4 bars of 12 steps
    const roll = {
      steps: { length: 76 },
      stepsPerQuarter: 4,
      timeSignatures: [
        { step: 0, numerator: 4, denominator: 4 },
        { step: 40, numerator: 3, denominator: 4 },
      ],
    };
    const bars = rollMetricPositions(roll, { stepsPerBeat: 4, beatsPerBar: 4, barsPerPhrase: 4 }).map((p) => p.barInPhrase);
    const at = (steps: number[]) => steps.map((t) => bars[t]);
    // bars 0, 1, 2 (short) in 4/4; then bars 3, 0 (next phrase), 1, 2 in 3/4
    expect(at([0, 15, 16, 31, 32, 39])).toEqual([0, 0, 1, 1, 2, 2]);
    expect(at([40, 51, 52, 63, 64, 75])).toEqual([3, 3, 0, 0, 1, 1]);
    // without barsPerPhrase the positions carry none
    expect(rollMetricPositions(roll, { stepsPerBeat: 4, beatsPerBar: 4 })[20]).toEqual({ stepInBeat: 0, beatInBar: 1 });
    // the one-hot rows: 4 + 4 + 4 channels, the phrase one-hot last
    const rows = rollConditioning(roll, { features: [{ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4, barsPerPhrase: 4 }] });
    expect(rows.channels).toBe(12);
    expect([...rows.data.subarray(52 * 12 + 8, 53 * 12)]).toEqual([1, 0, 0, 0]);
    expect([...rows.data.subarray(44 * 12 + 8, 45 * 12)]).toEqual([0, 0, 0, 1]);
  });

  it('leaves a lookback feature out (the model derives it from the frames)', () => {
    const roll = { steps: { length: 5 }, stepsPerQuarter: 2, timeSignatures: [] };
    const metric = metricFeatureFor(2);
    const rows = rollConditioning(roll, { features: [{ kind: 'lookback', lags: [4], dim: 88 }, metric] });
    expect(rows.channels).toBe(conditioningChannels({ features: [metric] }));
    expect(rows.data.length).toBe(5 * rows.channels);
    expect(rollConditioning(roll, { features: [{ kind: 'lookback', lags: [4], dim: 88 }] })).toEqual({ channels: 0, data: new Float32Array(0) });
  });

  it('uses the given meter before the first time signature and for rolls without any', () => {
    const roll = { steps: { length: 8 }, stepsPerQuarter: 2, timeSignatures: [{ step: 6, numerator: 2, denominator: 4 }] };
    const p = pairs(rollMetricPositions(roll, { stepsPerBeat: 2, beatsPerBar: 3 }, { timeSignature: { numerator: 3, denominator: 4 } }));
    expect(p).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 2],
      [1, 2],
      [0, 0],
      [1, 0],
    ]);
  });

  it('reads the time signatures of a MIDI file (3/4 from tick 0, 2/4 from the second bar)', () => {
    const bytes = smf(1, 96, [
      track([
        [0, ...timeSig(3, 4)],
        [288, ...timeSig(2, 4)],
      ]),
      track([
        [0, 0x90, 60, 100],
        [480, 0x80, 60, 0],
      ]),
    ]);
    const roll = readMidi(bytes, { stepsPerQuarter: 1 });
    const spec: ConditioningSpec = { features: [metricFeatureFor(1, { numerator: 3, denominator: 4 })] };
    const c = rollConditioning(roll, spec);
    expect(c.channels).toBe(4);
    const seq = { steps: roll.steps.length, dim: 1, data: new Float32Array(roll.steps.length), conditioning: c };
    expect(Array.from({ length: 5 }, (_, t) => decoded(seq, t, 1, 3))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 0],
      [0, 1],
    ]);
  });

  it('metricFeatureFor: one beat = the signature unit; a beat that is not whole steps is a ConditioningError', () => {
    expect(metricFeatureFor(4)).toEqual({ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 });
    expect(metricFeatureFor(4, { numerator: 6, denominator: 8 })).toEqual({ kind: 'metric', stepsPerBeat: 2, beatsPerBar: 6 });
    expect(() => metricFeatureFor(1, { numerator: 6, denominator: 8 })).toThrow(ConditioningError);
  });
});

describe('corpus loaders attach conditioning', () => {
  const spec: ConditioningSpec = { features: [metricFeatureFor(4), { kind: 'label', name: 'style', classes: ['beat', 'fill'] }] };

  it('Groove MIDI test split: metric rows from each file, a label per file', async () => {
    const labels = ({ file }: { file: string }) => ({ style: file.includes('_fill_') ? 'fill' : 'beat' });
    const c = await loadMidiCorpus(path.join(dataDir, 'groove-midi'), { drums: true, splits: ['test'], conditioning: { spec, labels } });
    expect(c.test.length).toBe(129);
    for (const seq of c.test) expect(seq.conditioning!.data.length).toBe(seq.steps * conditioningChannels(spec));
    expect(c.files.test[0]).toBe('drummer1/eval_session/10_soul-groove10_102_beat_4-4.mid');
    const first = c.test[0]!;
    expect([0, 1, 4, 15, 16, 17].map((t) => decoded(first, t, 4, 4))).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [3, 3],
      [0, 0],
      [1, 0],
    ]);
    const styleOf = (seq: SequenceData, t: number) => [...seq.conditioning!.data.subarray(t * 10 + 8, t * 10 + 10)];
    const fills = c.files.test.map((f, i) => (f.includes('_fill_') ? i : -1)).filter((i) => i >= 0);
    expect(fills.length).toBeGreaterThan(0);
    expect(styleOf(c.test[fills[0]!]!, 3)).toEqual([0, 1]);
    expect(styleOf(first, 3)).toEqual([1, 0]);
  }, 60_000);

  it('JSB chorales (no meter in the file): 4/4 from the first step at 1 step per quarter', async () => {
    const quarter: ConditioningSpec = { features: [metricFeatureFor(1)] };
    const jsb = await loadCorpus('jsb', { dataDir, download: false, conditioning: { spec: quarter } });
    const seq = jsb.valid[3]!;
    expect(seq.conditioning!.channels).toBe(5);
    expect(Array.from({ length: 6 }, (_, t) => decoded(seq, t, 1, 4)[1])).toEqual([0, 1, 2, 3, 0, 1]);
    const threeFour = await loadCorpus('jsb', { dataDir, download: false, conditioning: { spec: quarter, timeSignature: { numerator: 3, denominator: 4 } } });
    expect(Array.from({ length: 6 }, (_, t) => decoded(threeFour.valid[3]!, t, 1, 4)[1])).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('a JSON corpus that does not state its grid needs conditioning.stepsPerQuarter for a metric feature', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rnn-nade-cond-')), 'tiny.json');
    writeFileSync(file, JSON.stringify({ train: [[[60], [62], [], [64], [65]]], valid: [], test: [] }));
    const quarter: ConditioningSpec = { features: [metricFeatureFor(2)] };
    await expect(loadCorpus(file, { conditioning: { spec: quarter } })).rejects.toThrow(/does not state its grid/);
    const c = await loadCorpus(file, { conditioning: { spec: quarter, stepsPerQuarter: 2 } });
    expect(Array.from({ length: 5 }, (_, t) => decoded(c.train[0]!, t, 2, 4))).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0, 2],
    ]);
  });
});
