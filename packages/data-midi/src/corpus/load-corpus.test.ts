import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sequenceToPitches } from '@rnn-nade/core';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../test-util/data-dir';
import { ChecksumError, CorpusFormatError, CorpusUnavailableError } from '../errors';
import { loadCorpus, loadCorpusPitchLists } from './load-corpus';
import { CORPUS_MANIFEST } from './manifest';
import { sha256Hex, type FetchLike } from './download';

const sizes = (c: { train: unknown[]; valid: unknown[]; test: unknown[] }) => [c.train.length, c.valid.length, c.test.length];
const frames = (seqs: { steps: number }[]) => seqs.reduce((a, s) => a + s.steps, 0);
const noCache = () => mkdtempSync(path.join(tmpdir(), 'rnn-nade-cache-'));

describe('loadCorpus on the real corpora', () => {
  it('JSB quarter: 229/76/77 chorales, 13,807/4,602/4,725 frames, 88 keys', async () => {
    const c = await loadCorpus('jsb', { dataDir, download: false });
    expect(sizes(c)).toEqual([229, 76, 77]);
    expect([frames(c.train), frames(c.valid), frames(c.test)]).toEqual([13807, 4602, 4725]);
    expect(c.dim).toBe(88);
    expect(c.low).toBe(21);
    expect(c.stepsPerQuarter).toBe(1);
    expect(c.dataSpec).toEqual({ dataset: 'jsb', stepsPerQuarter: 1, low: 21, high: 108, dim: 88 }); // saved with models trained on it
    expect(c.source).toBe(path.join(dataDir, 'jsb-chorales/jsb-chorales-quarter.json'));
    // First step of the first chorale, compared with the raw JSON.
    const raw = JSON.parse(readFileSync(c.source, 'utf8')) as { train: number[][][] };
    expect(sequenceToPitches(c.train[0]!).slice(0, 5)).toEqual(raw.train[0]!.slice(0, 5).map((s) => [...s].sort((a, b) => a - b)));
  });

  it.each([
    ['nottingham', [694, 173, 170], 266537],
    ['piano-midi-de', [87, 12, 25], 103487],
    ['musedata', [524, 135, 124], 392296],
  ] as const)('%s loads with its documented split sizes', async (name, expected, totalSteps) => {
    const c = await loadCorpus(name, { dataDir, download: false });
    expect(sizes(c)).toEqual(expected);
    expect(frames(c.train) + frames(c.valid) + frames(c.test)).toBe(totalSteps);
    expect(c.stepsPerQuarter).toBe(2);
  });

  it('JSB 8th / 16th: floats rounded, unison duplicates removed, 229/76/77', async () => {
    for (const [name, steps, spq] of [
      ['jsb-8th', 46268, 2],
      ['jsb-16th', 92536, 4],
    ] as const) {
      const lists = await loadCorpusPitchLists(name, { dataDir, download: false });
      expect(sizes(lists.splits)).toEqual([229, 76, 77]);
      expect(lists.stepsPerQuarter).toBe(spq);
      const all = [...lists.splits.train, ...lists.splits.valid, ...lists.splits.test];
      expect(all.reduce((a, s) => a + s.length, 0)).toBe(steps);
      for (const seq of all) {
        for (const step of seq) {
          expect(step.every((p) => Number.isInteger(p))).toBe(true);
          expect(new Set(step).size).toBe(step.length);
        }
      }
      // The raw file really has float pitches and duplicates, so the normalisation mattered.
      const raw = readFileSync(path.join(dataDir, CORPUS_MANIFEST[name].files[0]!.path), 'utf8');
      expect(raw).toMatch(/\d\.0[,\]]/);
    }
    const c = await loadCorpus('jsb-16th', { dataDir, download: false });
    expect(sizes(c)).toEqual([229, 76, 77]);
  });

  it('.mat files convert to exactly the derived JSON', async () => {
    const tmp = noCache();
    // A data dir holding only the .mat (as a download would leave in the cache).
    const dir = path.join(tmp, 'piano-midi-de');
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(path.join(dir, 'Piano_midi.mat'), readFileSync(path.join(dataDir, 'piano-midi-de/Piano_midi.mat')));
    const fromMat = await loadCorpusPitchLists('piano-midi-de', { dataDir: tmp, download: false });
    const fromJson = await loadCorpusPitchLists('piano-midi-de', { dataDir, download: false });
    expect(fromMat.source.endsWith('.mat')).toBe(true);
    expect(fromMat.splits).toEqual(fromJson.splits);
  });

  it('a custom range narrows the rolls; a pitch outside it is a clear error', async () => {
    const c = await loadCorpus('jsb', { dataDir, download: false, range: { low: 43, high: 96 } });
    expect(c.dim).toBe(54);
    await expect(loadCorpus('jsb', { dataDir, download: false, range: { low: 60, high: 72 } })).rejects.toThrow(/outside the range 60\.\.72/);
  });
});

describe('loadCorpus on files and bad input', () => {
  it('reads a {train, valid, test} JSON file with its stepsPerQuarter', async () => {
    const f = path.join(noCache(), 'tiny.json');
    writeFileSync(f, JSON.stringify({ stepsPerQuarter: 4, train: [[[60, 64], [], [62.0, 62]]], valid: [], test: [[[21], [108]]] }));
    const c = await loadCorpus(f);
    expect(c.name).toBe('tiny');
    expect(c.stepsPerQuarter).toBe(4);
    expect(c.dataSpec).toEqual({ dataset: 'tiny', stepsPerQuarter: 4, low: 21, high: 108, dim: 88 });
    expect(sizes(c)).toEqual([1, 0, 1]);
    expect(sequenceToPitches(c.train[0]!)).toEqual([[60, 64], [], [62]]);
  });

  it('rejects a missing file, malformed JSON and a wrong shape with typed errors', async () => {
    const tmp = noCache();
    await expect(loadCorpus(path.join(tmp, 'nope.json'))).rejects.toBeInstanceOf(CorpusUnavailableError);
    await expect(loadCorpus('jsb-32nd')).rejects.toThrow(/Built-in corpora: jsb, jsb-8th/);
    writeFileSync(path.join(tmp, 'bad.json'), '{"train": [[[60]]');
    await expect(loadCorpus(path.join(tmp, 'bad.json'))).rejects.toBeInstanceOf(CorpusFormatError);
    writeFileSync(path.join(tmp, 'shape.json'), JSON.stringify({ train: [[[60, 'x']]], valid: [], test: [] }));
    await expect(loadCorpus(path.join(tmp, 'shape.json'))).rejects.toThrow(/train\[0\]\[0\]/);
    writeFileSync(path.join(tmp, 'nosplit.json'), JSON.stringify({ train: [] }));
    await expect(loadCorpus(path.join(tmp, 'nosplit.json'))).rejects.toThrow(/"valid"/);
  });
});

describe('loadCorpus download path (fake fetch, no network)', () => {
  const jsbBytes = () => new Uint8Array(readFileSync(path.join(dataDir, 'jsb-chorales/jsb-chorales-quarter.json')));
  const fakeFetch =
    (bytes: Uint8Array, calls: string[]): FetchLike =>
    async (url) => {
      calls.push(url);
      return { ok: true, status: 200, arrayBuffer: async () => bytes.slice().buffer };
    };

  it('downloads into the cache, verifies sha256, then reads the cache without fetching', async () => {
    const cacheDir = noCache();
    const calls: string[] = [];
    const bytes = jsbBytes();
    expect(sha256Hex(bytes)).toBe(CORPUS_MANIFEST.jsb.files[0]!.sha256);
    const c = await loadCorpus('jsb', { dataDir: path.join(cacheDir, 'empty'), cacheDir, fetch: fakeFetch(bytes, calls), log: null });
    expect(calls).toEqual([CORPUS_MANIFEST.jsb.files[0]!.url]);
    expect(sizes(c)).toEqual([229, 76, 77]);
    expect(c.source).toBe(path.join(cacheDir, 'jsb-chorales/jsb-chorales-quarter.json'));
    const again = await loadCorpus('jsb', { dataDir: path.join(cacheDir, 'empty'), cacheDir, fetch: fakeFetch(bytes, calls), log: null });
    expect(calls.length).toBe(1);
    expect(sizes(again)).toEqual([229, 76, 77]);
  });

  it('a checksum mismatch throws ChecksumError and leaves nothing in the cache', async () => {
    const cacheDir = noCache();
    const bytes = jsbBytes();
    bytes[100] = bytes[100]! ^ 1;
    await expect(loadCorpus('jsb', { dataDir: path.join(cacheDir, 'x'), cacheDir, fetch: fakeFetch(bytes, []), log: null })).rejects.toBeInstanceOf(
      ChecksumError,
    );
    expect(existsSync(path.join(cacheDir, 'jsb-chorales')) ? readdirSync(path.join(cacheDir, 'jsb-chorales')) : []).toEqual([]);
  });

  it('offline: a typed error that tells the user to set RNN_NADE_DATA_DIR', async () => {
    const cacheDir = noCache();
    const offline: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const err = await loadCorpus('nottingham', { dataDir: path.join(cacheDir, 'x'), cacheDir, fetch: offline, log: null }).catch((e) => e);
    expect(err).toBeInstanceOf(CorpusUnavailableError);
    expect(err.message).toMatch(/fetch failed/);
    expect(err.message).toMatch(/RNN_NADE_DATA_DIR/);
    expect(err.message).toMatch(/Nottingham\.mat/);
    const http = await loadCorpus('jsb', {
      dataDir: path.join(cacheDir, 'x'),
      cacheDir,
      log: null,
      fetch: async () => ({ ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) }),
    }).catch((e) => e);
    expect(http).toBeInstanceOf(CorpusUnavailableError);
    expect(http.message).toMatch(/HTTP 404/);
    await expect(loadCorpus('jsb', { dataDir: path.join(cacheDir, 'x'), cacheDir, download: false })).rejects.toThrow(
      /downloading is disabled.*RNN_NADE_DATA_DIR/,
    );
  });

  it('a downloaded .mat corpus (Piano-midi.de) is converted after the checksum check', async () => {
    const cacheDir = noCache();
    const calls: string[] = [];
    const bytes = new Uint8Array(readFileSync(path.join(dataDir, 'piano-midi-de/Piano_midi.mat')));
    const c = await loadCorpus('piano-midi-de', { dataDir: path.join(cacheDir, 'x'), cacheDir, fetch: fakeFetch(bytes, calls), log: null });
    expect(calls[0]).toMatch(/locuslab\/TCN\/2f8c2b8.*Piano_midi\.mat$/);
    expect(sizes(c)).toEqual([87, 12, 25]);
  });
});
