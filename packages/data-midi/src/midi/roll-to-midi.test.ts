import path from 'node:path';
import * as toneMidiModule from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { bytesOf, everyKth, midiFiles } from '../test-util/real-files';
import { parseMidi, readMidi } from './read-midi';
import { rollToMidi, rollToToneMidi } from './roll-to-midi';

const ToneMidi: typeof toneMidiModule.Midi = toneMidiModule.Midi ?? (toneMidiModule as unknown as { default: typeof toneMidiModule }).default.Midi;

describe('rollToMidi', () => {
  it('merges held notes, or re-strikes each step with restrike', () => {
    const roll = { stepsPerQuarter: 4, steps: [[60, 64], [60, 64], [60], [], [60]] };
    const held = parseMidi(rollToMidi(roll));
    expect(held.ppq).toBe(480);
    expect(held.notes.map((n) => [n.pitch, n.startTick, n.endTick])).toEqual([
      [60, 0, 360],
      [64, 0, 240],
      [60, 480, 600],
    ]);
    const struck = parseMidi(rollToMidi(roll, { restrike: true }));
    expect(struck.notes.map((n) => [n.pitch, n.startTick, n.endTick])).toEqual([
      [60, 0, 120],
      [64, 0, 120],
      [60, 120, 240],
      [64, 120, 240],
      [60, 240, 360],
      [60, 480, 600],
    ]);
    // Both read back to the same roll.
    expect(readMidi(rollToMidi(roll, { restrike: true })).steps).toEqual(roll.steps);
  });

  it('writes tempo, time signature, program and velocity; drums on channel 10', () => {
    const bytes = rollToMidi(
      {
        stepsPerQuarter: 2,
        steps: [[60], [62]],
        tempos: [
          { step: 0, bpm: 90 },
          { step: 1, bpm: 150 },
        ],
        timeSignatures: [{ step: 0, numerator: 6, denominator: 8 }],
      },
      { program: 40, velocity: 99 },
    );
    const m = parseMidi(bytes);
    expect(m.tempos.map((t) => Math.round(t.bpm))).toEqual([90, 150]);
    expect(m.tempos[1]!.tick).toBe(240);
    expect(m.timeSignatures).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
    expect(m.notes.every((n) => n.program === 40 && n.velocity === 99 && n.channel === 0)).toBe(true);
    expect(parseMidi(rollToMidi({ steps: [[120]] }, { bpm: 133 })).tempos[0]!.bpm).toBeCloseTo(133, 2);
    const drums = parseMidi(rollToMidi({ stepsPerQuarter: 4, steps: [[36, 42], [42], [38, 42]], drums: true }));
    expect(drums.notes.every((n) => n.channel === 9)).toBe(true);
    expect(drums.notes.length).toBe(5); // one hit per active step, never held
  });

  it("our linear encoder and @tonejs/midi's encoder give the same notes, tempos and meter", () => {
    for (const file of everyKth(midiFiles('classical-piano-midi'), 90)) {
      const roll = readMidi(bytesOf(file), { stepsPerQuarter: 4 });
      for (const options of [{}, { restrike: true, program: 5, velocity: 64 }]) {
        const ours = parseMidi(rollToMidi(roll, options));
        const tone = parseMidi(rollToToneMidi(roll, options).toArray());
        expect(ours.notes, file).toEqual(tone.notes);
        // @tonejs/midi floors microseconds per quarter, we round: ticks equal, bpm within 1e-5.
        expect(ours.tempos.map((t) => t.tick)).toEqual(tone.tempos.map((t) => t.tick));
        ours.tempos.forEach((t, i) => {
          expect(Math.abs(t.bpm - tone.tempos[i]!.bpm) / t.bpm).toBeLessThan(1e-5);
        });
        expect(ours.timeSignatures).toEqual(tone.timeSignatures);
        expect(ours.ppq).toBe(tone.ppq);
      }
    }
    const drums = { steps: [[36], [36, 42], [], [38]], drums: true };
    expect(parseMidi(rollToMidi(drums)).notes).toEqual(parseMidi(rollToToneMidi(drums).toArray()).notes);
  });

  it('rejects bad options and pitches with clear errors', () => {
    expect(() => rollToMidi({ steps: [[60]] }, { program: 128 })).toThrow(/program must be an integer in 0\.\.127/);
    expect(() => rollToMidi({ steps: [[60]] }, { stepsPerQuarter: 0 })).toThrow(/stepsPerQuarter/);
    expect(() => rollToMidi({ steps: [[200]] })).toThrow(/Pitch 200 at step 0/);
  });
});

describe('round trip MIDI -> roll -> MIDI -> roll on real files is the identity on the grid', () => {
  const piano = everyKth(midiFiles('classical-piano-midi'), 7); // 40 of 279, all composers spread
  it(`classical piano (${piano.length} files, 4 and 3 steps per quarter; tempo map and meter kept)`, () => {
    for (const file of piano) {
      for (const stepsPerQuarter of [4, 3]) {
        const roll = readMidi(bytesOf(file), { stepsPerQuarter, label: file });
        expect(roll.steps.length, file).toBeGreaterThan(50);
        const back = readMidi(rollToMidi(roll), { stepsPerQuarter });
        expect(back.steps, path.basename(file)).toEqual(roll.steps);
        expect(back.timeSignatures).toEqual(roll.timeSignatures);
        expect(back.tempos.length).toBe(roll.tempos.length);
      }
    }
  });

  const groove = everyKth(midiFiles('groove-midi'), 23); // 50 of 1,150
  it(`Groove drums (${groove.length} files, 9-class drum rolls)`, () => {
    for (const file of groove) {
      const roll = readMidi(bytesOf(file), { drums: true, label: file });
      expect(roll.report!.outOfRange).toEqual([]); // every TD-11 note maps to a class
      const back = readMidi(rollToMidi(roll), { drums: true });
      expect(back.steps, path.basename(file)).toEqual(roll.steps);
    }
  });
});

describe('our reader agrees with @tonejs/midi on real files', () => {
  const key = (pitch: number, tick: number, dur: number | null, ch: number) => `${pitch}@${tick}${dur === null ? '' : `+${dur}`}/${ch}`;
  const ours = (bytes: Uint8Array, withDur: boolean) =>
    parseMidi(bytes)
      .notes.map((n) => key(n.pitch, n.startTick, withDur ? n.endTick - n.startTick : null, n.channel))
      .sort();
  const tone = (bytes: Uint8Array, withDur: boolean) =>
    new ToneMidi(bytes).tracks.flatMap((t) => t.notes.map((n) => key(n.midi, n.ticks, withDur ? n.durationTicks : null, t.channel))).sort();

  it('Groove: same notes (pitch, tick, duration, channel)', () => {
    for (const file of everyKth(midiFiles('groove-midi'), 115)) {
      const bytes = bytesOf(file);
      expect(ours(bytes, true), file).toEqual(tone(bytes, true));
    }
  });

  it('piano: same onsets (durations differ only where a pitch is re-struck while still held)', () => {
    // There, @tonejs/midi pairs note-offs first-in-first-out while we follow pretty_midi (a
    // note-off ends every open note of the pitch), which the midi-fixtures references confirm.
    for (const file of everyKth(midiFiles('classical-piano-midi'), 70)) {
      const bytes = bytesOf(file);
      expect(ours(bytes, false), file).toEqual(tone(bytes, false));
    }
  });
});
