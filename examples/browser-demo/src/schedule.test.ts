import { describe, expect, it } from 'vitest';
import { midiToHz, scheduleNotes } from './schedule';

describe('playback schedule', () => {
  it('maps MIDI pitches to equal-tempered frequencies', () => {
    expect(midiToHz(69)).toBe(440);
    expect(midiToHz(81)).toBe(880);
    expect(midiToHz(60)).toBeCloseTo(261.6256, 4);
  });

  it('merges held steps into one note and converts steps to seconds at the tempo', () => {
    // 120 bpm, 1 step per quarter: 0.5 s per step. C held for 2 steps, E on step 1, G on step 3.
    const notes = scheduleNotes([[60], [60, 64], [], [67]], 1, 120);
    expect(notes).toEqual([
      { pitch: 60, start: 0, duration: 1 },
      { pitch: 64, start: 0.5, duration: 0.5 },
      { pitch: 67, start: 1.5, duration: 0.5 },
    ]);
    expect(scheduleNotes([[60]], 4, 60)).toEqual([{ pitch: 60, start: 0, duration: 0.25 }]);
    expect(scheduleNotes([], 1, 80)).toEqual([]);
  });
});
