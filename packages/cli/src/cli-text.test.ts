import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng, SequenceModel, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-rnade';
import { runCaptured } from './__fixtures__/run-captured';

// A toy world: 12 words with random 4-d vectors, and a WikiText-style corpus of 30 articles.
const WORDS = ['the', 'cat', 'dog', 'sat', 'ran', 'on', 'a', 'mat', 'log', 'and', '.', ','];
const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-text-'));
const vectorsFile = join(dir, 'toy-vectors.txt');
const corpusFile = join(dir, 'toy-wiki.txt');
const modelDir = join(dir, 'model');

function writeFixtures(): void {
  const rng = new Rng(3);
  writeFileSync(vectorsFile, `${WORDS.map((w) => `${w} ${Array.from({ length: 4 }, () => rng.normal().toFixed(4)).join(' ')}`).join('\n')}\n`);
  const lines: string[] = [];
  for (let a = 0; a < 30; a++) {
    lines.push(' ', ` = Article ${a} = `, ' ');
    const s = (i: number) => `the ${['cat', 'dog'][(a + i) % 2]} ${['sat', 'ran'][i % 2]} on a ${['mat', 'log'][a % 2]} .`;
    lines.push(` ${s(0)} ${s(1)} the <unk> sat . `);
  }
  writeFileSync(corpusFile, `${lines.join('\n')}\n`);
}

const run = runCaptured;

beforeAll(async () => {
  writeFixtures();
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade with --dataset text:FILE --vectors', () => {
  it('trains an RNN-RNADE on word vectors and stores what decoding needs in the metadata', async () => {
    const before = tf.memory().numTensors;
    const r = await run(
      'train',
      '--dataset',
      `text:${corpusFile}`,
      '--vectors',
      vectorsFile,
      '--estimator',
      'rnade',
      '--estimator-hidden',
      '6',
      '--hidden',
      '8',
      '--epochs',
      '2',
      '--batch-size',
      '8',
      '--lr',
      '0.01',
      '--out',
      modelDir,
      '--quiet',
      '--eos',
      '.',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const meta = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')).metadata;
    expect(meta.data).toMatchObject({ kind: 'text', dim: 4, vectors: { file: 'toy-vectors.txt', dim: 4, words: 12 }, oov: 'skip', endOfSentence: '.' });
    expect(meta.data.coverage.train).toBeGreaterThan(0.8);
    expect(meta.data.coverage.train).toBeLessThan(1); // the <unk> tokens
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates on the test documents (log-likelihood, no accuracy by default)', async () => {
    const r = await run('eval', '--model', modelDir, '--dataset', `text:${corpusFile}`, '--vectors', vectorsFile, '--eos', '.', '--json');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out);
    expect(Number.isFinite(res.logLikelihoodPerStep)).toBe(true);
    expect(res.accuracy).toBeNull();
    // 3 test articles (i % 10 = 9), 2 sentences each of 7 + 3 frames after skipping <unk> ... plus '.' eos frames
    expect(res.sequences).toBe(9);
  });

  it('samples and decodes to vocabulary words with similarities, continuing a primer', async () => {
    const r = await run('sample', '--model', modelDir, '--vectors', vectorsFile, '--steps', '5', '--seed', '1', '--decode', '--primer', 'the cat');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^the cat \| /);
    const rows = lines.slice(1).map((l) => l.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    for (const [i, w, sim] of rows) {
      expect(WORDS).toContain(w);
      expect(Number(sim)).toBeGreaterThanOrEqual(-1);
      expect(Number(sim)).toBeLessThanOrEqual(1);
      expect(Number(i)).toBeGreaterThan(0);
    }
    // stops after the stored end-of-sentence word when it appears
    const words = rows.map((x) => x[1]);
    if (words.includes('.')) expect(words.indexOf('.')).toBe(words.length - 1);
    // same seed, same sentence
    const again = await run('sample', '--model', modelDir, '--vectors', vectorsFile, '--steps', '5', '--seed', '1', '--decode', '--primer', 'the cat');
    expect(again.out).toBe(r.out);
  });

  it('writes the sampled vectors as JSON with --out', async () => {
    const out = join(dir, 'sample.json');
    const r = await run('sample', '--model', modelDir, '--vectors', vectorsFile, '--steps', '3', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.vectors).toHaveLength(3);
    expect(j.vectors[0]).toHaveLength(4);
  });

  it('--candidates N keeps the sampled sentence the model finds most likely (scored here from the saved model)', async () => {
    const { model } = await SequenceModel.load(modelDir);
    const winners: number[] = [];
    try {
      for (const seed of [2, 3, 4, 5]) {
        const out = join(dir, `best-${seed}.json`);
        const r = await run('sample', '--model', modelDir, '--steps', '4', '--seed', String(seed), '--candidates', '3', '--out', out);
        expect(r.code).toBe(0);
        const scored: { rows: number[]; ll: number }[] = [];
        for (let k = 0; k < 3; k++) {
          const seq = await model.sample({ steps: 4, seed: seed + k * 7919 });
          const e = await model.evaluate([seq]);
          scored.push({ rows: Array.from(seq.data), ll: e.logLikelihoodPerStep * e.frames });
        }
        expect(new Set(scored.map((c) => c.ll)).size).toBe(3);
        const best = scored.reduce((a, b) => (b.ll > a.ll ? b : a));
        expect((JSON.parse(readFileSync(out, 'utf8')).vectors as number[][]).flat()).toEqual(best.rows);
        winners.push(scored.indexOf(best));
      }
    } finally {
      model.dispose();
    }
    expect(winners.some((k) => k > 0)).toBe(true); // not always the first draw
  });

  it('fails with usage errors (exit 2) and clear messages on bad text flags', async () => {
    const noVectors = await run('train', '--dataset', `text:${corpusFile}`, '--estimator', 'rnade', '--out', join(dir, 'x'), '--quiet');
    expect(noVectors.code).toBe(2);
    expect(noVectors.err).toMatch(/needs --vectors/);
    const badOov = await run('eval', '--model', modelDir, '--dataset', `text:${corpusFile}`, '--vectors', vectorsFile, '--oov', 'drop');
    expect(badOov.code).toBe(2);
    expect(badOov.err).toMatch(/--oov must be one of/);
    const badEos = await run('eval', '--model', modelDir, '--dataset', `text:${corpusFile}`, '--vectors', vectorsFile, '--eos', '<eos>');
    expect(badEos.code).toBe(2);
    const twoFiles = await run('eval', '--model', modelDir, '--dataset', `text:${corpusFile},${corpusFile}`, '--vectors', vectorsFile);
    expect(twoFiles.code).toBe(2);
    const decodeNoVectors = await run('sample', '--model', modelDir, '--steps', '3', '--decode');
    expect(decodeNoVectors.code).toBe(2);
    expect(decodeNoVectors.err).toMatch(/--decode needs --vectors/);
    const unknownPrimer = await run('sample', '--model', modelDir, '--vectors', vectorsFile, '--steps', '3', '--decode', '--primer', 'zebra');
    expect(unknownPrimer.code).toBe(2);
    expect(unknownPrimer.err).toMatch(/zebra/);
    const vectorsOnMidi = await run('eval', '--baseline', 'uniform', '--dataset', 'jsb', '--vectors', vectorsFile);
    expect(vectorsOnMidi.code).toBe(2);
  });
});
