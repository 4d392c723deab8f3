import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../test-util/data-dir';
import { smf, tempo, timeSig, track } from '../test-util/smf-builder';
import { parseMidi, readMidi } from './read-midi';
import { tickToSeconds } from './smf-parse';

const fixtures = path.join(dataDir, 'midi-fixtures');

/** pretty_midi's reference notes: [pitch, start s, end s] (track headers skipped). */
function reference(file: string): number[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l && !l.startsWith('track'))
    .map((l) => l.split('\t').map(Number));
}

describe('parseMidi against pretty_midi reference note lists (midi-fixtures)', () => {
  it.each([
    ['bach/bach_846.mid', 1284, 1284],
    ['bach/bach_format0.mid', 415, 415],
    ['beethoven/symphony_7_2.mid', 6077, 6077],
    ['beethoven/symphony_7_2_singletrack.mid', 6077, 6077],
    ['bartok/concerto_for_orchestra_1.mid', 19083, 1334],
  ])('%s: every reference note found with its seconds (1e-6 s)', (rel, total, refCount) => {
    const midi = parseMidi(readFileSync(path.join(fixtures, rel)), rel);
    expect(midi.notes.length).toBe(total);
    expect(midi.unterminated).toEqual([]);
    const sec = tickToSeconds(midi.tempos, midi.ppq);
    const ref = reference(path.join(fixtures, `${rel}.txt`));
    expect(ref.length).toBe(refCount);
    // Match as multisets keyed by pitch; each reference note consumes one of ours.
    const pool = new Map<number, Array<[number, number]>>();
    for (const n of midi.notes) {
      const list = pool.get(n.pitch) ?? [];
      list.push([sec(n.startTick), sec(n.endTick)]);
      pool.set(n.pitch, list);
    }
    let matched = 0;
    for (const [pitch, start, end] of ref) {
      const list = pool.get(pitch!) ?? [];
      const i = list.findIndex(([s, e]) => Math.abs(s - start!) < 1e-6 && Math.abs(e - end!) < 1e-6);
      if (i >= 0) {
        list.splice(i, 1);
        matched++;
      }
    }
    expect(matched).toBe(refCount);
  });

  it('records format, ppq, tempo map and time signatures', () => {
    const bach = parseMidi(readFileSync(path.join(fixtures, 'bach/bach_846.mid')));
    expect([bach.format, bach.ppq, bach.tempos.length]).toEqual([1, 480, 358]);
    const f0 = parseMidi(readFileSync(path.join(fixtures, 'bach/bach_format0.mid')));
    expect([f0.format, f0.ppq]).toEqual([0, 96]);
    expect(f0.tempos).toEqual([{ tick: 0, bpm: 120 }]); // no tempo event: 120 bpm implied
  });
});

describe('readMidi quantisation on hand-built files', () => {
  // ppq 96; tempo 60 then 120 at tick 192; 3/4 time; notes on channel 0 and drums on channel 9.
  const bytes = smf(1, 96, [
    track([
      [0, ...tempo(60)],
      [0, ...timeSig(3, 4)],
      [192, ...tempo(120)],
    ]),
    track([
      [0, 0x90, 60, 100], // C4 from tick 0 ...
      [96, 0x80, 60, 0], // ... to 96 (one quarter)
      [0, 0x90, 64, 90], // E4 at 96, released at 100: shorter than a step -> still one step
      [4, 0x90, 64, 0], // note-on velocity 0 = note-off
      [20, 0x90, 67, 80], // G4 at 120 (5 sixteenths = 120 ticks at 24/step) ...
      [75, 0x80, 67, 0], // ... to 195 -> rounds to step 8
      [0, 0x99, 36, 100], // kick on channel 10 at 195
      [10, 0x89, 36, 0],
      [0, 0x90, 10, 50], // pitch 10: out of the 88-key range
      [24, 0x80, 10, 0],
      [0, 0x90, 72, 70], // C5 with no note-off: closed at end of track, reported
      [48, 0xb0, 64, 0],
    ]),
  ]);

  it('snaps onsets/offsets to the grid; every covered step sounds; at least one step', () => {
    const roll = readMidi(bytes, { stepsPerQuarter: 4 });
    expect(roll.stepsPerQuarter).toBe(4);
    // steps of 24 ticks: C4 0..3, E4 4, G4 5..7 (120/24=5, 195/24=8.125 -> 8), C5 from 229/24=9.54->10 to 277/24=11.54->12
    expect(roll.steps).toEqual([[60], [60], [60], [60], [64], [67], [67], [67], [], [], [72], [72]]);
    expect(roll.tempos).toEqual([
      { step: 0, bpm: 60 },
      { step: 8, bpm: 120 },
    ]);
    expect(roll.timeSignatures).toEqual([{ step: 0, numerator: 3, denominator: 4 }]);
  });

  it('reports out-of-range and unterminated notes instead of dropping them silently', () => {
    const roll = readMidi(bytes, { stepsPerQuarter: 4 });
    expect(roll.report!.outOfRange).toEqual([{ pitch: 10, startTick: 205, channel: 0, track: 1 }]);
    expect(roll.report!.unterminated).toEqual([{ pitch: 72, channel: 0, track: 1, startTick: 229, closedAtTick: 277 }]);
    expect(roll.report!.notesRead).toBe(5); // drums excluded by default
    expect(roll.report!.notesUsed).toBe(4);
    const wide = readMidi(bytes, { stepsPerQuarter: 4, range: { low: 0, high: 127 } });
    expect(wide.report!.outOfRange).toEqual([]);
    expect(wide.steps[9]).toEqual([10]); // onset 205 / 24 = 8.54 -> step 9, offset 229 / 24 = 9.54 -> 10
  });

  it('chooses channels and tracks; includeDrums keeps channel 10', () => {
    expect(readMidi(bytes, { channels: [9], range: { low: 0, high: 127 } }).steps).toEqual([[], [], [], [], [], [], [], [], [36]]);
    expect(readMidi(bytes, { tracks: [0] }).steps).toEqual([]);
    expect(readMidi(bytes, { includeDrums: true }).report!.notesRead).toBe(6);
    expect(readMidi(bytes, { stepsPerQuarter: 1 }).steps).toEqual([[60], [64, 67], [72]]);
  });
});
