/**
 * Reliability: reporting. A dataset folder's unusable files (unreadable MIDI, symbolic links,
 * dangling links) are listed by the CLI and fail `--strict`; an empty split is an error, not NaN;
 * `loadModelFromUrl` never follows a weights name to another host or folder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileError, initBackend, loadModelFromUrl, type FetchLike } from '@rnn-nade/core';
import { weightsUrlOf } from '@rnn-nade/core/advanced';
import { rollToMidi } from '@rnn-nade/data-midi';
import { runCaptured } from '../packages/cli/src/__fixtures__/run-captured';
import { readDoc, saveSmallModel, writeDoc } from './fixtures/saved-model';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-rel-report-'));
const corpus = join(root, 'midi');
const GOOD = 12;
const GARBAGE = 10;

const cli = runCaptured;

beforeAll(async () => {
  await initBackend({ log: null });
  mkdirSync(join(corpus, 'sub'), { recursive: true });
  for (let i = 0; i < GOOD; i++) {
    const steps = Array.from({ length: 16 }, (_, t) => [60 + ((t + i) % 7), 67 + (t % 3)]);
    writeFileSync(join(corpus, `piece-${String(i).padStart(2, '0')}.mid`), rollToMidi({ stepsPerQuarter: 4, steps }));
  }
  for (let i = 0; i < GARBAGE; i++) writeFileSync(join(corpus, `zz-broken-${i}.mid`), Buffer.from(`not a midi file ${i}`));
  symlinkSync(join(corpus, 'piece-00.mid'), join(corpus, 'link.mid'));
  symlinkSync(join(corpus, 'nowhere.mid'), join(corpus, 'dangling.mid'));
  symlinkSync(join(corpus, 'sub'), join(corpus, 'folder-link'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('skipped dataset files are reported, and --strict fails on them', () => {
  it('eval lists every kind of skipped file (10 lines, then a count) and still evaluates', async () => {
    const r = await cli('eval', '--baseline', 'uniform', '--dataset', corpus, '--split', 'train');
    expect(r.code, r.err).toBe(0);
    const skipped = GARBAGE + 3;
    expect(r.err).toContain(`skipped ${skipped} files of ${corpus}:`);
    expect(r.err).toContain(`... and ${skipped - 10} more`);
    const lines = r.err.split('\n').filter((l) => l.startsWith('  '));
    expect(lines).toHaveLength(11);
    expect(r.err).toMatch(/ {2}dangling\.mid: dangling symbolic link/);
    expect(r.err).toMatch(/ {2}folder-link: symbolic link to a folder/);
    expect(r.err).toMatch(/ {2}link\.mid: symbolic link \(not followed/);
    expect(r.err).toMatch(/ {2}zz-broken-0\.mid: Cannot read MIDI file .*not a Standard MIDI File/);
    expect(r.out).toMatch(/log-likelihood per step -\d+\.\d{4} nats/);
  });

  it('the link to a file is reported too, and --strict fails eval and train before any work', async () => {
    const strictEval = await cli('eval', '--baseline', 'uniform', '--dataset', corpus, '--strict');
    expect(strictEval.code).toBe(1);
    expect(strictEval.err).toMatch(/^rnn-nade eval: error: --strict: 13 file\(s\) of .* were skipped \(first: /);
    const out = join(root, 'strict-model');
    const strictTrain = await cli(
      'train',
      '--dataset',
      corpus,
      '--estimator',
      'bernoulli',
      '--out',
      out,
      '--epochs',
      '1',
      '--hidden',
      '4',
      '--strict',
      '--quiet',
    );
    expect(strictTrain.code).toBe(1);
    expect(strictTrain.err).toContain('--strict: 13 file(s)');
    expect(existsSync(join(out, 'model.json'))).toBe(false);
    const all = await cli('eval', '--baseline', 'uniform', '--dataset', join(corpus), '--split', 'train', '--json');
    expect(all.err).toContain('skipped 13 files');
    const train = await cli(
      'train',
      '--dataset',
      corpus,
      '--estimator',
      'bernoulli',
      '--out',
      out,
      '--epochs',
      '1',
      '--hidden',
      '4',
      '--batch-size',
      '4',
      '--quiet',
    );
    expect(train.code, train.err).toBe(0);
    expect(train.err.split('\n')[0]).toBe(`skipped 13 files of ${corpus}:`);
  }, 60_000);

  it('an empty split is an error that names it, not a NaN score', async () => {
    const file = join(root, 'empty-test.json');
    writeFileSync(file, JSON.stringify({ train: [[[60], [62]]], valid: [[[60]]], test: [] }));
    const r = await cli('eval', '--baseline', 'uniform', '--dataset', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^rnn-nade eval: error: The test split of .* has no frames/);
    expect(r.out).toBe('');
  });
});

describe('loadModelFromUrl resolves weights next to model.json on the same origin only', () => {
  it('refuses weights names with a scheme, a host, a folder or "..", without fetching them', async () => {
    const dir = join(root, 'served');
    await saveSmallModel(dir);
    const good = await readDoc(dir);
    const weights = new Uint8Array(await readFile(join(dir, good.weights.file)));
    const base = 'https://models.example/jsb/';
    for (const name of [
      'http:evil.example',
      'https://evil.example/w.bin',
      '//evil.example/w.bin',
      '../w.bin',
      '..',
      'a/w.bin',
      'a\\w.bin',
      '%2e%2e%2fw.bin',
      '.w.bin',
      'w.bin?x=1',
      'javascript:alert(1)',
    ]) {
      const doc = structuredClone(good);
      doc.weights.file = name;
      await writeDoc(dir, doc, { reseal: true });
      const text = await readFile(join(dir, 'model.json'), 'utf8');
      const fetched: string[] = [];
      const fetch: FetchLike = async (url) => {
        fetched.push(url);
        const body = url === `${base}model.json` ? new TextEncoder().encode(text) : weights;
        return { ok: true, status: 200, text: async () => new TextDecoder().decode(body), arrayBuffer: async () => body.slice().buffer };
      };
      const error = await loadModelFromUrl(base, { fetch }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(ModelFileError);
      expect((error as ModelFileError).reason, name).toBe('UNSAFE_PATH');
      expect(fetched).toEqual([`${base}model.json`]);
    }
  });

  it('weightsUrlOf keeps plain names in the model folder', () => {
    expect(weightsUrlOf('weights-0123456789abcdef-x1.bin', 'https://h.example/m/model.json?v=2')).toBe('https://h.example/m/weights-0123456789abcdef-x1.bin');
    expect(() => weightsUrlOf('http:evil.example', 'https://h.example/m/model.json')).toThrow(ModelFileError);
  });
});
