import { describe, expect, it } from 'vitest';
import { bytesOf, everyKth, midiFiles } from '../test-util/real-files';
import { readMidi } from '../midi/read-midi';
import { noteSequenceToRoll, rollToNoteSequence } from './note-sequence';

describe('NoteSequence interop (magenta INoteSequence field names)', () => {
  it('converts a roll with held notes and a tempo change; times follow the tempo map', () => {
    const ns = rollToNoteSequence({
      stepsPerQuarter: 2,
      steps: [[60], [60], [64], []],
      tempos: [
        { step: 0, bpm: 60 },
        { step: 2, bpm: 120 },
      ],
    });
    expect(ns.quantizationInfo).toEqual({ stepsPerQuarter: 2 });
    expect(ns.totalQuantizedSteps).toBe(4);
    expect(ns.notes).toEqual([
      { pitch: 60, velocity: 80, startTime: 0, endTime: 1, quantizedStartStep: 0, quantizedEndStep: 2, program: 0, isDrum: false, instrument: 0 },
      { pitch: 64, velocity: 80, startTime: 1, endTime: 1.25, quantizedStartStep: 2, quantizedEndStep: 3, program: 0, isDrum: false, instrument: 0 },
    ]);
    expect(ns.tempos).toEqual([
      { time: 0, qpm: 60 },
      { time: 1, qpm: 120 },
    ]);
    expect(ns.totalTime).toBeCloseTo(1.5, 12);
  });

  it('round trips real piano and drum rolls exactly (quantized), and via times only', () => {
    for (const f of everyKth(midiFiles('classical-piano-midi'), 40)) {
      const roll = readMidi(bytesOf(f), { stepsPerQuarter: 4 });
      const ns = rollToNoteSequence(roll);
      expect(noteSequenceToRoll(ns).steps, f).toEqual(roll.steps);
      // Strip the quantized fields: the times alone (with the file's tempo map) give the same grid.
      const unq = {
        ...ns,
        quantizationInfo: undefined,
        totalQuantizedSteps: undefined,
        notes: ns.notes.map(({ quantizedStartStep, quantizedEndStep, ...n }) => n),
      };
      expect(noteSequenceToRoll(unq, { stepsPerQuarter: 4 }).steps, f).toEqual(roll.steps);
    }
    for (const f of everyKth(midiFiles('groove-midi'), 200)) {
      const roll = readMidi(bytesOf(f), { drums: true });
      const ns = rollToNoteSequence(roll);
      expect(ns.notes.every((n) => n.isDrum && n.instrument === 9)).toBe(true);
      const back = noteSequenceToRoll(ns);
      expect(back.drums).toBe(true);
      expect(back.steps).toEqual(roll.steps);
    }
  });

  it('bad sequences give clear errors, negative times are clamped to 0', () => {
    expect(() => noteSequenceToRoll({ notes: [{ pitch: 60 }] })).toThrow(/neither quantized steps nor times/);
    expect(() => noteSequenceToRoll({ notes: [{ pitch: 60, startTime: 0, endTime: 1e9 }] })).toThrow(/more than maxSteps = 100000/);
    expect(() => noteSequenceToRoll({ notes: [{ pitch: 60, startTime: NaN, endTime: 1 }] })).toThrow(/non-finite/);
    expect(noteSequenceToRoll({ notes: [{ pitch: 60, startTime: -1, endTime: 0.25 }] }, { stepsPerQuarter: 4 }).steps).toEqual([[60], [60]]);
  });
});

describe('noteSequenceToRoll bounds its work', () => {
  const note = (startTime: number, endTime: number) => ({ pitch: 60, velocity: 80, startTime, endTime });

  it('refuses absurd times and stuck notes with a ConfigError before allocating', () => {
    const t0 = performance.now();
    expect(() => noteSequenceToRoll({ notes: [note(0, 1e9)] })).toThrow(/NoteSequence: the roll would have 8000000000 steps .*maxSteps = 100000/);
    expect(() => noteSequenceToRoll({ notes: [note(0, 30 * 60)] })).toThrow(/pitch 60 at step 0 lasts 14400 steps, more than maxNoteSteps = 10000/);
    expect(() => noteSequenceToRoll({ notes: [], totalQuantizedSteps: 1e7, quantizationInfo: { stepsPerQuarter: 4 } })).toThrow(/totalQuantizedSteps/);
    expect(performance.now() - t0).toBeLessThan(1000); // hang guard
    expect(noteSequenceToRoll({ notes: [note(0, 30 * 60)] }, { maxNoteSteps: 20_000 }).steps.length).toBe(14_400);
  });

  it('rounds fractional quantized steps instead of indexing between steps', () => {
    const ns = { notes: [{ pitch: 60, quantizedStartStep: 0.6, quantizedEndStep: 2.4 }], quantizationInfo: { stepsPerQuarter: 4 }, totalQuantizedSteps: 2.5 };
    expect(noteSequenceToRoll(ns, { stepsPerQuarter: 4 }).steps).toEqual([[], [60], []]);
  });
});
