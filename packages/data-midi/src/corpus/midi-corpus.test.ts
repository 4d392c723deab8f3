import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pitchesToSequence, sequenceToPitches } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../test-util/data-dir';
import { midiFiles } from '../test-util/real-files';
import { loadCorpus } from './load-corpus';
import { iterateMidiCorpus, loadMidiCorpus, type SkippedFile } from './midi-corpus';
import { splitOf } from './split';
import { augmentTranspositions, transpositionsInRange } from './transpose';

const groove = path.join(dataDir, 'groove-midi');
const classical = path.join(dataDir, 'classical-piano-midi');

describe('MIDI folder corpora', () => {
  it('Groove MIDI: split 897/124/129 read from info.csv, 9-class drum rolls, nothing skipped', async () => {
    const c = await loadMidiCorpus(groove, { drums: true });
    expect([c.train.length, c.valid.length, c.test.length]).toEqual([897, 124, 129]);
    expect(c.skipped).toEqual([]);
    expect(c.dim).toBe(9);
    expect(c.train.every((s) => s.dim === 9 && s.steps > 0)).toBe(true);
    expect(c.files.test[0]).toBe('drummer1/eval_session/10_soul-groove10_102_beat_4-4.mid');
  });

  it('classical piano: deterministic hashed split, the same on every load and independent of other files', async () => {
    const files = midiFiles('classical-piano-midi').map((f) => path.relative(classical, f).split(path.sep).join('/'));
    const counts = { train: 0, valid: 0, test: 0 };
    for (const f of files) counts[splitOf(f)]++;
    expect(counts.train + counts.valid + counts.test).toBe(279);
    // Roughly 80/10/10 (binomial: 27.9 +- 5 expected per held-out split).
    expect(counts.valid).toBeGreaterThan(14);
    expect(counts.test).toBeGreaterThan(14);
    // Loading only the test split (streaming) yields exactly those files, in sorted order.
    const got: string[] = [];
    for await (const e of iterateMidiCorpus(classical, { splits: ['test'] })) got.push(e.file);
    expect(got).toEqual(files.filter((f) => splitOf(f) === 'test'));
    // A different seed draws a different split.
    expect(files.filter((f) => splitOf(f, { seed: 7 }) === 'test')).not.toEqual(got);
  });

  it('skips and reports bad files; files missing from / absent in the CSV are reported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rnn-nade-midi-corpus-'));
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    const src = midiFiles('groove-midi');
    copyFileSync(src[0]!, path.join(dir, 'a/good1.mid'));
    copyFileSync(src[1]!, path.join(dir, 'a/b/good2.MID'));
    writeFileSync(path.join(dir, 'a/empty.mid'), '');
    writeFileSync(path.join(dir, 'a/text.midi'), 'hello, I am not MIDI');
    writeFileSync(path.join(dir, 'readme.txt'), 'ignored: not a MIDI extension');
    const skipped: SkippedFile[] = [];
    const c = await loadMidiCorpus(dir, { drums: true, split: { valid: 0, test: 0 }, onSkip: (s) => skipped.push(s) });
    expect(c.files.train).toEqual(['a/b/good2.MID', 'a/good1.mid']);
    expect(c.skipped.map((s) => s.file)).toEqual(['a/empty.mid', 'a/text.midi']);
    expect(c.skipped[0]!.reason).toMatch(/empty/);
    expect(c.skipped[1]!.reason).toMatch(/not a Standard MIDI File/);
    expect(skipped).toEqual(c.skipped);

    writeFileSync(path.join(dir, 'info.csv'), 'midi_filename,split\n"a/good1.mid",validation\na/gone.mid,train\n');
    const withCsv = await loadMidiCorpus(dir, { drums: true });
    expect(withCsv.files.valid).toEqual(['a/good1.mid']);
    expect(withCsv.skipped.map((s) => `${s.file}: ${s.reason}`)).toEqual([
      'a/b/good2.MID: not listed in the split CSV',
      'a/empty.mid: not listed in the split CSV',
      'a/text.midi: not listed in the split CSV',
      'a/gone.mid: listed in the split CSV but not found',
    ]);
    // loadCorpus accepts the folder too.
    const viaLoadCorpus = await loadCorpus(dir, { midi: { drums: true } });
    expect(viaLoadCorpus.valid.length).toBe(1);
    expect(viaLoadCorpus.skipped?.length).toBe(4);
  });

  it('streams lazily: breaking after the first roll reads nothing more', async () => {
    // a.mid is a real groove; b.mid is corrupt. An eager reader would parse b.mid (and report it
    // through onSkip) before handing out a.mid; a streaming one never touches it.
    const dir = mkdtempSync(path.join(tmpdir(), 'rnn-nade-lazy-'));
    copyFileSync(midiFiles('groove-midi')[0]!, path.join(dir, 'a.mid'));
    writeFileSync(path.join(dir, 'b.mid'), 'not a midi file');
    const skipped: SkippedFile[] = [];
    let n = 0;
    for await (const e of iterateMidiCorpus(dir, { drums: true, onSkip: (s) => skipped.push(s) })) {
      expect(e.file).toBe('a.mid');
      expect(e.roll.steps.length).toBeGreaterThan(0);
      n++;
      break;
    }
    expect(n).toBe(1);
    expect(skipped).toEqual([]);
    // Iterating to the end does reach (and report) the corrupt file.
    for await (const _ of iterateMidiCorpus(dir, { drums: true, onSkip: (s) => skipped.push(s) })) n++;
    expect(skipped.map((s) => s.file)).toEqual(['b.mid']);
  });

  it('transposition augmentation: train only, every copy inside the range', async () => {
    const base: string[] = [];
    const entries: Array<{ file: string; split: string; transpose: number; steps: number[][] }> = [];
    for await (const e of iterateMidiCorpus(classical, { transpose: { min: -6, max: 5 }, range: { low: 21, high: 108 } })) {
      if (entries.length > 400) break;
      if (e.transpose === 0) base.push(e.file);
      entries.push({ file: e.file, split: e.split, transpose: e.transpose, steps: e.roll.steps });
    }
    const shifted = entries.filter((e) => e.transpose !== 0);
    expect(shifted.length).toBeGreaterThan(100);
    expect(shifted.every((e) => e.split === 'train')).toBe(true);
    expect(entries.filter((e) => e.split !== 'train').every((e) => e.transpose === 0)).toBe(true);
    for (const e of shifted) {
      const orig = entries.find((o) => o.file === e.file && o.transpose === 0)!;
      expect(e.steps[0]).toEqual(orig.steps[0]!.map((p) => p + e.transpose));
      expect(e.steps.flat().every((p) => p >= 21 && p <= 108)).toBe(true);
    }
    expect(base.length).toBeGreaterThan(10);
  });

  it('transpositionsInRange / augmentTranspositions keep notes in range and leave valid/test alone', () => {
    expect(transpositionsInRange([[60]], {}, { min: -6, max: 5 })).toEqual([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5]);
    expect(transpositionsInRange([[104], [30]], {}, { min: -12, max: 12 })).toEqual([-9, -8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4]);
    expect(transpositionsInRange([[21, 108]], {}, { shifts: [-1, 1] })).toEqual([]);
    const seq = pitchesToSequence([[60], [107]]);
    const splits = { train: [seq], valid: [seq], test: [seq] };
    const aug = augmentTranspositions(splits, { shifts: [-2, 1, 2] });
    expect(aug.train.map((s) => sequenceToPitches(s))).toEqual([
      [[60], [107]],
      [[58], [105]],
      [[61], [108]],
    ]);
    expect(aug.valid).toBe(splits.valid);
    expect(aug.test).toBe(splits.test);
  });
});

describe('loadCorpus on a MIDI folder gives rolls equal to readMidi', () => {
  it('pitched rolls over 88 keys', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rnn-nade-one-'));
    copyFileSync(path.join(classical, 'mozart/mz_545_1.mid'), path.join(dir, 'mz_545_1.mid'));
    const c = await loadCorpus(dir, { midi: { split: { valid: 0, test: 0 }, stepsPerQuarter: 4 } });
    expect(c.train.length).toBe(1);
    expect(c.dim).toBe(88);
    const pitches = sequenceToPitches(c.train[0]!);
    expect(pitches.length).toBeGreaterThan(400);
    expect(pitches.flat().every((p) => p >= 21 && p <= 108)).toBe(true);
  });
});
