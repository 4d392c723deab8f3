import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng, type SequenceData } from '@rnn-nade/core';
import { iterateMidiCorpus, rollToSequence } from '@rnn-nade/data-midi/node';
import { dataDir } from '../test-util/data-dir';
import { packSequence, packSteps, packedByteLength, unpackSequence } from './bit-pack';
import { ROLL_CACHE_FORMAT, RollCacheError } from './cache-format';
import { RollCache } from './cache-reader';
import { RollCacheWriter } from './cache-writer';
import { preprocessMidiToCache } from './preprocess-corpus';

const tmp = mkdtempSync(path.join(tmpdir(), 'rnn-nade-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function randomSeq(rng: Rng, steps: number, dim: number, p = 0.2): SequenceData {
  const data = new Float32Array(steps * dim);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() < p ? 1 : 0;
  return { steps, dim, data };
}

const SPLITS = ['train', 'valid', 'test'] as const;

function writeRandomCache(file: string, n: number, dim: number, seed = 1) {
  const rng = new Rng(seed);
  const seqs: SequenceData[] = [];
  const splits: (typeof SPLITS)[number][] = [];
  const w = RollCacheWriter.create(file, { dim, stepsPerQuarter: 4, drums: dim === 9, low: dim === 9 ? 0 : 21 });
  for (let i = 0; i < n; i++) {
    const s = randomSeq(rng, i === 3 ? 0 : 1 + rng.int(70), dim);
    const split = SPLITS[rng.int(3)]!;
    w.appendSequence(s, split);
    seqs.push(s);
    splits.push(split);
  }
  w.close();
  return { seqs, splits };
}

describe('bit packing', () => {
  it('round-trips sequences of any width, and packSteps equals packSequence', () => {
    const rng = new Rng(3);
    for (const [steps, dim] of [
      [1, 1],
      [7, 9],
      [33, 88],
      [5, 13],
      [0, 9],
    ] as const) {
      const s = randomSeq(rng, steps, dim, 0.4);
      const bytes = packSequence(s);
      expect(bytes.length).toBe(Math.ceil((steps * dim) / 8));
      expect(unpackSequence(bytes, steps, dim).data).toEqual(s.data);
      const pitches = Array.from({ length: steps }, (_, t) => [...Array(dim).keys()].filter((d) => s.data[t * dim + d] === 1).map((d) => d + 21));
      expect(packSteps(pitches, dim, (p) => p - 21)).toEqual(bytes);
    }
    expect(packedByteLength(150, 9)).toBe(169); // 1,350 bits: 9 bits a frame instead of 36 bytes of float32
  });
});

describe('RollCacheWriter / RollCache', () => {
  it('round-trips records, splits, windows and per-split stats; the file has the documented size', () => {
    const file = path.join(tmp, 'rt.rollcache');
    const { seqs, splits } = writeRandomCache(file, 40, 9);
    const c = RollCache.open(file);
    expect(c.count).toBe(40);
    expect(c.header).toEqual({ dim: 9, stepsPerQuarter: 4, drums: true, low: 0 });
    seqs.forEach((s, i) => {
      expect(c.steps(i)).toBe(s.steps);
      expect(c.split(i)).toBe(splits[i]);
      expect(c.read(i).data).toEqual(s.data);
      if (s.steps > 10) {
        const w = c.read(i, { from: 3, length: 7 });
        expect(w.steps).toBe(7);
        expect(w.data).toEqual(s.data.slice(3 * 9, 10 * 9));
      }
    });
    const frames = (sp: string) => seqs.filter((_, i) => splits[i] === sp).reduce((a, s) => a + s.steps, 0);
    expect(c.stats().valid).toEqual({ records: splits.filter((s) => s === 'valid').length, frames: frames('valid') });
    const body = seqs.reduce((a, s) => a + 4 + packedByteLength(s.steps, 9), 0);
    expect(statSync(file).size).toBe(ROLL_CACHE_FORMAT.headerBytes + body + 40 * ROLL_CACHE_FORMAT.indexEntryBytes + ROLL_CACHE_FORMAT.trailerBytes);
    c.close();
  });

  it('streams batches whose real frames are exactly the split (whole) or random windows of it', () => {
    const file = path.join(tmp, 'batches.rollcache');
    const { seqs, splits } = writeRandomCache(file, 30, 88, 5);
    const c = RollCache.open(file);
    const train = seqs.filter((s, i) => splits[i] === 'train' && s.steps > 0);
    let frames = 0;
    let ones = 0;
    for (const b of c.batches({ split: 'train', batchSize: 4, chunkSteps: 16, rng: new Rng(2) })) {
      expect(b.batchSize).toBeLessThanOrEqual(4);
      expect(b.steps).toBeLessThanOrEqual(16);
      for (let i = 0; i < b.mask.length; i++) frames += b.mask[i]!;
      for (let i = 0; i < b.targets.length; i++) ones += b.targets[i]!;
    }
    expect(frames).toBe(train.reduce((a, s) => a + s.steps, 0));
    expect(ones).toBe(train.reduce((a, s) => a + s.data.reduce((x, y) => x + y, 0), 0));
    let windowed = 0;
    for (const b of c.batches({ split: 'train', batchSize: 8, window: 10, rng: new Rng(3) })) for (let i = 0; i < b.mask.length; i++) windowed += b.mask[i]!;
    expect(windowed).toBe(train.reduce((a, s) => a + Math.min(s.steps, 10), 0));
    c.close();
  });

  it('refuses truncated, unfinished, corrupt and foreign files with a RollCacheError naming the file', () => {
    const file = path.join(tmp, 'good.rollcache');
    writeRandomCache(file, 12, 9, 7);
    const size = statSync(file).size;
    const copy = (name: string) => {
      const p = path.join(tmp, name);
      copyFileSync(file, p);
      return p;
    };
    for (const cut of [size - 1, size - 24, Math.floor(size / 2), 40, 10, 0]) {
      const p = copy(`cut-${cut}.rollcache`);
      truncateSync(p, cut);
      expect(() => RollCache.open(p)).toThrow(RollCacheError);
      expect(() => RollCache.open(p)).toThrow(p);
    }
    const flipped = copy('flip.rollcache');
    const fd = openSync(flipped, 'r+');
    writeSync(fd, new Uint8Array([0xff]), 0, 1, size - 24 - 5); // a byte of the index
    closeSync(fd);
    expect(() => RollCache.open(flipped)).toThrow(/checksum/);
    const text = path.join(tmp, 'text.rollcache');
    writeFileSync(text, 'hello, this is not a roll cache at all, just some text that is long enough to have a header and a trailer\n');
    expect(() => RollCache.open(text)).toThrow(/bad magic/);
    expect(() => RollCache.open(path.join(tmp, 'missing.rollcache'))).toThrow(RollCacheError);
    // A writer that never reaches close() leaves no file under the final name, only its temp file.
    const w = RollCacheWriter.create(path.join(tmp, 'unfinished.rollcache'), { dim: 9, stepsPerQuarter: 4, drums: true, low: 0 });
    w.appendSequence(randomSeq(new Rng(1), 5, 9), 'train');
    const tmpFile = path.join(tmp, `unfinished.rollcache.tmp-${process.pid}`);
    expect(() => RollCache.open(path.join(tmp, 'unfinished.rollcache'))).toThrow(/cannot open/);
    expect(() => RollCache.open(tmpFile)).toThrow(RollCacheError);
    w.abort();
    expect(() => statSync(tmpFile)).toThrow();
  });
});

describe('preprocessMidiToCache', () => {
  const session = path.join(dataDir, 'groove-midi/drummer1/eval_session');
  const corpus = path.join(tmp, 'corpus');
  mkdirSync(path.join(corpus, 'a'), { recursive: true });
  for (const f of ['1_funk-groove1_138_beat_4-4.mid', '10_soul-groove10_102_beat_4-4.mid', '2_funk-groove2_105_beat_4-4.mid']) {
    copyFileSync(path.join(session, f), path.join(corpus, 'a', f));
  }
  copyFileSync(path.join(session, '3_soul-groove3_86_beat_4-4.mid'), path.join(corpus, 'b.mid'));
  writeFileSync(path.join(corpus, 'a', 'broken.mid'), 'MThd not really');

  it('caches real Groove MIDI drum rolls equal to iterateMidiCorpus, skipping a bad file, with 0, 1 or 2 workers identically', async () => {
    const inProcess = path.join(tmp, 'groove0.rollcache');
    const r0 = await preprocessMidiToCache(corpus, inProcess, { drums: true, workers: 0, chunkFiles: 2 });
    expect(r0).toMatchObject({ files: 5, records: 4, skippedCount: 1 });
    expect(r0.skipped[0]!.file).toBe('a/broken.mid');
    const expected: SequenceData[] = [];
    for await (const e of iterateMidiCorpus(corpus, { drums: true, splitCsv: false })) expected.push(rollToSequence(e.roll));
    const c = RollCache.open(inProcess);
    expect(c.count).toBe(expected.length);
    expected.forEach((s, i) => {
      expect(c.read(i).data).toEqual(s.data);
    });
    expect(r0.frames).toBe(expected.reduce((a, s) => a + s.steps, 0));
    c.close();
    const threaded = path.join(tmp, 'groove2.rollcache');
    const r2 = await preprocessMidiToCache(corpus, threaded, { drums: true, workers: 2, chunkFiles: 1, useCallingThread: false });
    expect(r2).toMatchObject({ files: 5, records: 4, skippedCount: 1, workers: 2, workerChunks: 5, threadChunks: 0 });
    expect(readFileSync(threaded)).toEqual(readFileSync(inProcess));
    const shared = path.join(tmp, 'groove-shared.rollcache');
    const r3 = await preprocessMidiToCache(corpus, shared, { drums: true, workers: 1, chunkFiles: 1 });
    expect(r3.workerChunks + r3.threadChunks).toBe(5);
    expect(readFileSync(shared)).toEqual(readFileSync(inProcess));
  });
});
