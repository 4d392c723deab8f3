import { describe, expect, it } from 'vitest';
import { bytesOf, everyKth, midiFiles } from '../test-util/real-files';
import { parseMidi, readMidi } from '../midi/read-midi';
import { rollToSequence } from '../midi/piano-roll';
import { DRUM_CLASSES, DRUM_CLASS_GM_NOTES, canonicalDrumPitch, drumClassOf, drumClassToGm, drumDataSpec } from './drum-map';

describe('drum classes', () => {
  it('maps GM and Roland TD-11 notes to the nine classes', () => {
    const cls = (p: number) => DRUM_CLASSES[drumClassOf(p)];
    expect([36, 35].map(cls)).toEqual(['kick', 'kick']);
    expect([38, 37, 40].map(cls)).toEqual(['snare', 'snare', 'snare']);
    expect([42, 22, 44].map(cls)).toEqual(['closed-hihat', 'closed-hihat', 'closed-hihat']); // 22: TD-11 hi-hat edge
    expect([46, 26].map(cls)).toEqual(['open-hihat', 'open-hihat']); // 26: TD-11 open edge
    expect([43, 58].map(cls)).toEqual(['low-tom', 'low-tom']);
    expect([47, 45].map(cls)).toEqual(['mid-tom', 'mid-tom']);
    expect([50, 48].map(cls)).toEqual(['high-tom', 'high-tom']);
    expect([49, 52, 55, 57].map(cls)).toEqual(['crash', 'crash', 'crash', 'crash']);
    expect([51, 53, 59].map(cls)).toEqual(['ride', 'ride', 'ride']);
    expect([0, 25, 90, 127, -1, 60.5].map(drumClassOf)).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('writes back General MIDI notes, and class -> GM -> class is the identity', () => {
    expect(DRUM_CLASS_GM_NOTES).toEqual([36, 38, 42, 46, 43, 47, 50, 49, 51]);
    DRUM_CLASSES.forEach((_, i) => {
      expect(drumClassOf(drumClassToGm(i))).toBe(i);
    });
    expect(canonicalDrumPitch(22)).toBe(42);
    expect(canonicalDrumPitch(26)).toBe(46);
    expect(() => drumClassToGm(9)).toThrow(RangeError);
  });

  it('drumDataSpec records the GM note of every column and channel 10', () => {
    const spec = drumDataSpec(4);
    expect(spec).toMatchObject({ drums: true, dim: 9, channel: 10, stepsPerQuarter: 4 });
    expect(spec.pitches).toEqual([36, 38, 42, 46, 43, 47, 50, 49, 51]);
    expect(spec.pitches.map(drumClassOf)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(spec.drumClasses[2]).toBe('closed-hihat');
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON, storable in model.json
  });

  it('every note of (a sample of) Groove MIDI maps to a class; the roll has 9 columns', () => {
    const counts = new Array(9).fill(0);
    for (const f of everyKth(midiFiles('groove-midi'), 10)) {
      const midi = parseMidi(bytesOf(f), f);
      for (const n of midi.notes) {
        expect(n.channel).toBe(9);
        expect(drumClassOf(n.pitch), `pitch ${n.pitch} in ${f}`).toBeGreaterThanOrEqual(0);
        counts[drumClassOf(n.pitch)]++;
      }
      const roll = readMidi(bytesOf(f), { drums: true });
      const seq = rollToSequence(roll);
      expect(seq.dim).toBe(9);
      // each hit occupies only its onset step; every step's classes equal its GM notes
      roll.steps.forEach((s, t) => {
        expect(s.map(drumClassOf).sort()).toEqual([...Array(9).keys()].filter((c) => seq.data[t * 9 + c] === 1).sort());
      });
    }
    // kick, snare and hi-hats dominate real grooves; toms and crashes are rarer but present
    expect(counts[0]).toBeGreaterThan(counts[4]);
    expect(counts[1]).toBeGreaterThan(counts[7]);
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});
