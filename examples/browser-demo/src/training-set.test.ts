import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMidi } from '@rnn-nade/data-midi';
import { describe, expect, it } from 'vitest';
import { buildTrainingSet } from './training-set';

const dataDir = process.env.RNN_NADE_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const bach = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dataDir, 'midi-fixtures/bach', name))) });

describe('buildTrainingSet', () => {
  it('splits every piece in time: the first 90 % trains, the last 10 % validates, frames unchanged', () => {
    const file = bach('bach_format0.mid');
    const roll = readMidi(file.bytes, { stepsPerQuarter: 2 });
    const set = buildTrainingSet([file], { stepsPerQuarter: 2 });
    const steps = roll.steps.length;
    const validSteps = Math.round(steps * 0.1);
    expect(set.used).toEqual([{ name: 'bach_format0.mid', steps }]);
    expect(set.train.map((s) => s.steps)).toEqual([steps - validSteps]);
    expect(set.valid.map((s) => s.steps)).toEqual([validSteps]);
    expect(set.train[0]!.dim).toBe(88);
    // The held-out part is the end of the roll: its last frame's keys are the roll's last step's pitches.
    const last = set.valid[0]!;
    const keys = [...last.data.subarray((last.steps - 1) * 88)].flatMap((v, k) => (v === 1 ? [k + 21] : []));
    expect(keys).toEqual(roll.steps[steps - 1]);
  });

  it('skips non-MIDI, note-less and too-short files with a reason, and never throws', () => {
    const empty = new Uint8Array([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 0, 4, 0, 0xff, 0x2f, 0]);
    const set = buildTrainingSet([
      { name: 'notes.txt', bytes: new TextEncoder().encode('not a midi file') },
      { name: 'empty.mid', bytes: empty },
      bach('bach_846.mid'),
    ]);
    expect(set.used.map((u) => u.name)).toEqual(['bach_846.mid']);
    expect(set.skipped).toEqual([
      { name: 'notes.txt', reason: expect.stringMatching(/not a Standard MIDI File/) },
      { name: 'empty.mid', reason: 'no pitched notes' },
    ]);
  });

  it('cuts pieces longer than maxStepsPerPiece', () => {
    const set = buildTrainingSet([bach('bach_846.mid')], { stepsPerQuarter: 4, maxStepsPerPiece: 100, validFraction: 0.2 });
    expect(set.train[0]!.steps + set.valid[0]!.steps).toBe(100);
    expect(set.valid[0]!.steps).toBe(20);
  });
});
