/**
 * Reliability: every data reader bounds its time and memory by the input's real size and by
 * documented limits, whatever sizes the input claims, and fails fast with a typed error.
 * Inputs are generated here (small); each call is checked against a generous time and peak-memory
 * bound (hang guards, not speed targets).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CorpusFormatError,
  DEFAULT_MIDI_LIMITS,
  MidiParseError,
  loadCorpus,
  noteSequenceToRoll,
  readMat,
  readMidi,
  readRollJson,
  rollToSequence,
} from '@rnn-nade/data-midi/node';
import { ConfigError } from '@rnn-nade/core';
import { LineTooLongError, VectorFileError, readGloveVectors, readLines, readTextCorpus } from '@rnn-nade/data-text/node';
import { smf, tempo, track, type RawEvent } from '../packages/data-midi/src/test-util/smf-builder';
import { expectBoundedFailure, measure } from './bounded-call';

const tmp = mkdtempSync(path.join(tmpdir(), 'rnn-nade-unbounded-'));
const write = (name: string, data: string | Uint8Array) => {
  const file = path.join(tmp, name);
  writeFileSync(file, data);
  return file;
};

/** One track from absolute-tick events (sorted here), with delta times computed. */
function trackAt(events: Array<[tick: number, ...bytes: number[]]>): number[] {
  const sorted = [...events].sort((a, b) => a[0] - b[0]);
  let last = 0;
  return track(
    sorted.map(([tick, ...bytes]): RawEvent => {
      const delta = tick - last;
      last = tick;
      return [delta, ...bytes];
    }),
  );
}

describe('MIDI: crafted timing cannot blow up the roll', () => {
  const ppq = 96;
  const step = ppq / 4; // ticks per step at 4 steps per quarter

  it('a 30-byte file whose note-off comes 2^28 ticks later is refused by maxSteps', async () => {
    const bytes = smf(0, ppq, [
      track([
        [0, 0x90, 60, 100],
        [0x0fffffff, 0x80, 60, 0],
      ]),
    ]);
    expect(bytes.length).toBeLessThan(40);
    await expectBoundedFailure(() => readMidi(bytes, { label: 'long.mid' }), MidiParseError, /long\.mid.*11184811 steps.*maxSteps = 100000/);
  });

  it('extreme tempo events (1 µs and 16.7 s per quarter) change nothing on the tick grid', async () => {
    const bytes = smf(0, ppq, [
      trackAt([
        [0, 0xff, 0x51, 3, 0, 0, 1],
        [0, 0x90, 60, 100],
        [step, 0xff, 0x51, 3, 0xff, 0xff, 0xff],
        [2 * step, 0x80, 60, 0],
      ]),
    ]);
    const m = await measure(() => readMidi(bytes));
    expect(m.value!.steps).toEqual([[60], [60]]);
    expect(m.value!.tempos.map((t) => t.bpm)).toEqual([60_000_000, 60_000_000 / 0xffffff]);
  });

  it('88 notes held for 60,000 steps (what took 13 s and 2.8 GB) are refused by maxNoteSteps', async () => {
    const events: Array<[number, ...number[]]> = [];
    for (let p = 21; p <= 108; p++) events.push([0, 0x90, p, 100], [60_000 * step, 0x80, p, 0]);
    const bytes = smf(0, ppq, [trackAt(events)]);
    expect(bytes.length).toBeLessThan(800);
    await expectBoundedFailure(() => readMidi(bytes, { label: 'held.mid' }), MidiParseError, /held\.mid.*lasts 60000 steps, more than maxNoteSteps = 10000/, {
      ms: 2000,
      mb: 100,
    });
    // Raising the limit reads it (the limit is a choice, not a defect): 88 x 60,000 cells would
    // still exceed maxCells, which is raised too.
    const m = await measure(() => readMidi(bytes, { maxNoteSteps: 60_000, maxCells: 6_000_000 }));
    expect(m.value!.steps.length).toBe(60_000);
    expect(m.value!.steps[59_999]!.length).toBe(88);
    expect(m.ms).toBeLessThan(10_000);
  });

  /** Every key of the piano held `notes` times in a row for 9,999 steps (a rest of one step between). */
  const chords = (notes: number) => {
    const events: Array<[number, ...number[]]> = [];
    for (let k = 0; k < notes; k++) {
      for (let p = 21; p <= 108; p++) events.push([k * 10_000 * step, 0x90, p, 100], [(k * 10_000 + 9_999) * step, 0x80, p, 0]);
    }
    return smf(0, ppq, [trackAt(events)]);
  };

  it('many long notes, each under the note limit, are refused by maxCells before the roll is built', async () => {
    const bytes = chords(6); // 88 x 6 x 9,999 = 5.28 M cells in 60,000 steps
    await expectBoundedFailure(() => readMidi(bytes, { label: 'dense.mid' }), MidiParseError, /dense\.mid.*more than maxCells = 5000000/, {
      ms: 2000,
      mb: 100,
    });
  });

  it('a roll just inside the default limits costs seconds and megabytes, not minutes and gigabytes, rolls included', async () => {
    const bytes = chords(5); // 4.4 M cells
    expect(bytes.length).toBeLessThan(10_000);
    const m = await measure(() => rollToSequence(readMidi(bytes)));
    expect(m.value!.steps).toBe(49_999);
    expect(m.ms).toBeLessThan(5000);
    expect(m.peakGrowthMb).toBeLessThan(200);
  });

  it('one tick per quarter at 960 steps per quarter: a 100-tick note is 96,000 steps, refused', async () => {
    const bytes = smf(0, 1, [
      track([
        [0, 0x90, 60, 100],
        [100, 0x80, 60, 0],
      ]),
    ]);
    await expectBoundedFailure(() => readMidi(bytes, { stepsPerQuarter: 960 }), MidiParseError, /maxNoteSteps/);
  });

  it('more stored events than maxEvents are refused while parsing (note-ons and tempo changes count)', async () => {
    const notes: RawEvent[] = Array.from({ length: 1001 }, (_, i) => [1, 0x90, 21 + (i % 88), 100]);
    await expectBoundedFailure(() => readMidi(smf(0, ppq, [track(notes)]), { maxEvents: 1000 }), MidiParseError, /more than maxEvents = 1000/);
    const tempos: RawEvent[] = Array.from({ length: 1001 }, () => [1, ...tempo(100)]);
    await expectBoundedFailure(() => readMidi(smf(0, ppq, [track(tempos)]), { maxEvents: 1000 }), MidiParseError, /maxEvents/);
    expect(DEFAULT_MIDI_LIMITS.maxEvents).toBe(1_000_000);
  });
});

describe('corpus files: claimed sizes are counted on the bytes before parsing', () => {
  it('one 10^6-step sequence in a 3 MB JSON is refused by maxSequenceSteps without JSON.parse', async () => {
    const file = write('long-seq.json', `{"train":[[${'[],'.repeat(1_000_000)}[]]],"valid":[],"test":[]}`);
    await expectBoundedFailure(
      () => loadCorpus(file),
      CorpusFormatError,
      /long-seq\.json: train\[0\] has more than maxSequenceSteps = 100000 steps \(at byte 300011\)/,
      {
        ms: 2000,
        mb: 100,
      },
    );
  });

  it('many short sequences are refused by maxTotalSteps, many empty ones by maxSequences', async () => {
    const seq = `[${'[60],'.repeat(999)}[60]]`;
    const many = write('many.json', `{"train":[${Array(300).fill(seq).join(',')}],"valid":[${seq}],"test":[${seq}]}`);
    await expectBoundedFailure(() => loadCorpus(many, { maxTotalSteps: 250_000 }), CorpusFormatError, /many\.json: more than maxTotalSteps = 250000/);
    expect((await loadCorpus(many)).train.length).toBe(300);
    const empties = write('empties.json', `{"train":[${'[],'.repeat(200_000)}[]],"valid":[],"test":[]}`);
    await expectBoundedFailure(() => loadCorpus(empties), CorpusFormatError, /more than maxSequences = 100000/);
  });

  it('a corpus just inside the default limits (5 x 100,000 steps of chords, 5.5 MB) loads in seconds and a few hundred MB', async () => {
    const seq = `[${'[60,64,67],'.repeat(99_999)}[60]]`;
    const file = write('inside.json', `{"train":[${Array(3).fill(seq).join(',')}],"valid":[${seq}],"test":[${seq}]}`);
    const m = await measure(() => loadCorpus(file));
    expect(m.error).toBeUndefined();
    expect(m.value!.train.map((s) => s.steps)).toEqual([100_000, 100_000, 100_000]);
    expect(m.ms).toBeLessThan(20_000);
    expect(m.peakGrowthMb).toBeLessThan(600);
  });

  it('a JSON roll (roll2midi input) of 200,000 empty steps is refused by maxSteps', async () => {
    const file = write('roll.json', `{"stepsPerQuarter":4,"steps":[${'[],'.repeat(199_999)}[]]}`);
    await expectBoundedFailure(() => readRollJson(file), CorpusFormatError, /roll\.json: the roll has 200000 steps, more than maxSteps = 100000/, {
      ms: 2000,
      mb: 150,
    });
  });

  it('a NoteSequence note ending after 10^9 seconds is refused by maxSteps', async () => {
    await expectBoundedFailure(() => noteSequenceToRoll({ notes: [{ pitch: 60, startTime: 0, endTime: 1e9 }] }), ConfigError, /maxSteps = 100000/, {
      ms: 1000,
      mb: 50,
    });
  });

  it('a file over maxFileBytes is refused before it is read', async () => {
    const file = write('big.json', `{"train":[],"valid":[],"test":[]}${' '.repeat(2_000_000)}`);
    await expectBoundedFailure(
      () => loadCorpus(file, { maxFileBytes: 1_000_000 }),
      CorpusFormatError,
      /big\.json is 2000033 bytes, more than maxFileBytes = 1000000/,
    );
  });

  it('a compressed MAT element that inflates past maxInflatedBytes (a zip bomb) is refused', async () => {
    const header = new Uint8Array(128).fill(0x20);
    header.set(new TextEncoder().encode('MATLAB 5.0 MAT-file'), 0);
    header.set([0, 1, 0x49, 0x4d], 124); // version 0x0100, "IM" = little-endian
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024));
    const tag = new Uint8Array(8);
    new DataView(tag.buffer).setUint32(0, 15, true); // miCOMPRESSED
    new DataView(tag.buffer).setUint32(4, bomb.length, true);
    const bytes = Buffer.concat([header, tag, bomb]);
    expect(bytes.length).toBeLessThan(100_000);
    await expectBoundedFailure(
      () => readMat(bytes, 'bomb.mat', { maxInflatedBytes: 16 * 1024 * 1024 }),
      CorpusFormatError,
      /bomb\.mat: .*inflates to more than maxInflatedBytes/,
      { mb: 100 },
    );
  });
});

describe('text: a file without newlines fails fast at the line-length limit', () => {
  const noNewline = (mb: number) => `w${' 0.15272'.repeat(Math.ceil((mb * 1024 * 1024) / 8))}`;

  it('a 16 MB vector file with no newline is refused at 1 Mi characters, as line 1 of the file', async () => {
    const file = write('one-line.txt', noNewline(16));
    const e = await expectBoundedFailure(
      () => readGloveVectors(file),
      VectorFileError,
      /one-line\.txt, line 1: the line is longer than maxLineLength = 1048576/,
      { ms: 2000, mb: 150 },
    );
    expect(e.reason).toBe('line-too-long');
  });

  it('with no line limit, a 16 MB line is scanned once (not once per 64 kB chunk, as it was)', async () => {
    const file = write('one-line-2.txt', noNewline(16));
    const m = await measure(async () => {
      const lengths: number[] = [];
      for await (const line of readLines(file, { maxLineLength: Infinity })) lengths.push(line.length);
      return lengths;
    });
    expect(m.value).toEqual([1 + 8 * Math.ceil((16 * 1024 * 1024) / 8)]);
    expect(m.ms).toBeLessThan(2000);
    expect(m.peakGrowthMb).toBeLessThan(300);
  });

  it('a 2 MB vector row is refused by maxDim as line 1', async () => {
    const file = write('wide-row.txt', noNewline(2));
    const e = await expectBoundedFailure(
      () => readGloveVectors(file, { maxLineLength: Infinity }),
      VectorFileError,
      /dimension 262144 is larger than maxDim = 4096/,
      { ms: 3000 },
    );
    expect(e.line).toBe(1);
  });

  it('the text corpus reader refuses the same file with a LineTooLongError naming it', async () => {
    const file = write('no-newline.txt', noNewline(8));
    await expectBoundedFailure(() => readTextCorpus(file), LineTooLongError, /no-newline\.txt": line 1 is longer than maxLineLength/, { ms: 2000, mb: 150 });
  });
});
