import { ConfigError } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIDI_LIMITS, resolveMidiLimits } from './limits';
import { RollSpans } from './roll-spans';

const spans = (limits: Partial<typeof DEFAULT_MIDI_LIMITS> = {}) => new RollSpans(resolveMidiLimits(limits), (why) => new Error(why));

describe('MIDI limits', () => {
  it('override the defaults one by one, accept Infinity and refuse anything but positive integers', () => {
    expect(resolveMidiLimits({ maxCells: 7 })).toEqual({ ...DEFAULT_MIDI_LIMITS, maxCells: 7 });
    expect(resolveMidiLimits({ maxSteps: Infinity }).maxSteps).toBe(Infinity);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => resolveMidiLimits({ maxNoteSteps: bad })).toThrow(ConfigError);
    expect(() => resolveMidiLimits({ maxEvents: 0 })).toThrow(/maxEvents must be a positive integer/);
  });
});

describe('RollSpans', () => {
  it('fills sorted, duplicate-free steps from overlapping notes added in any order', () => {
    const s = spans();
    s.add(2, 5, 64, () => 'a');
    s.add(0, 3, 60, () => 'b');
    s.add(1, 2, 64, () => 'c');
    s.add(2, 4, 60, () => 'd'); // overlaps the other 60: a unison duplicate in steps 2
    expect(s.fill()).toEqual([[60], [60, 64], [60, 64], [60, 64], [64]]);
    expect([s.count, s.length]).toEqual([4, 5]);
  });

  it('refuses each limit with the caller’s error, before storing the note', () => {
    expect(() => spans({ maxSteps: 10 }).add(5, 11, 60, () => 'X')).toThrow('the roll would have 11 steps (note of X), more than maxSteps = 10');
    expect(() => spans({ maxNoteSteps: 3 }).add(5, 9, 60, () => 'X')).toThrow('the note of X lasts 4 steps, more than maxNoteSteps = 3');
    const s = spans({ maxCells: 5 });
    s.add(0, 3, 60, () => 'first');
    expect(() => s.add(0, 3, 62, () => 'second')).toThrow('more than maxCells = 5 (step, pitch) cells (reached at the note of second)');
    expect(s.count).toBe(1);
    expect(() => spans({ maxSteps: 10 }).extendTo(11, 'the header')).toThrow('11 steps (the header)');
  });
});
