import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, readTrainLog } from '@rnn-nade/core/node';
import { writeToyCorpus } from './__fixtures__/toy-corpus';
import { runCaptured } from './__fixtures__/run-captured';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-cli-'));
const corpusFile = join(dir, 'toy.json');
const corpus = writeToyCorpus(corpusFile);
const modelDir = join(dir, 'model');
const small = ['--hidden', '8', '--batch-size', '4', '--quiet'];

const run = runCaptured;

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rnn-nade train / eval / sample', () => {
  it('trains one epoch on a small corpus file and saves model, checkpoint, log and loss curve', async () => {
    const before = tf.memory().numTensors;
    const r = await run('train', '--dataset', corpusFile, '--estimator', 'bernoulli', '--out', modelDir, '--epochs', '1', '--lr', '0.01', ...small);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^saved .*model \(epochs 1, best valid loss\/step \d+\.\d{4}\)/);
    for (const f of ['model.json', 'checkpoint.ckpt', 'train-log.jsonl', 'loss-curve.svg']) expect(existsSync(join(modelDir, f))).toBe(true);
    const meta = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')).metadata;
    expect(meta.data).toMatchObject({ dataset: 'toy', low: 21, dim: 88 });
    expect(meta.training.command).toContain('--estimator bernoulli');
    expect(readTrainLog(join(modelDir, 'train-log.jsonl')).map((e) => e.event)).toEqual(['start', 'valid', 'epoch', 'end']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('eval --json prints one JSON line with the metrics', async () => {
    const r = await run('eval', '--model', modelDir, '--dataset', corpusFile, '--split', 'test', '--samples', '2', '--json');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const j = JSON.parse(r.out);
    expect(j.frames).toBe(corpus.test.reduce((a, s) => a + s.length, 0));
    expect(j.sequences).toBe(3);
    expect(j.logLikelihoodPerStep).toBeLessThan(0);
    expect(j.logLikelihoodPerStep).toBeGreaterThan(-61.1);
    expect(j.accuracy).toBeGreaterThanOrEqual(0);
    expect(j.accuracy).toBeLessThanOrEqual(1);
    expect(j).toMatchObject({ split: 'test', samples: 2, estimator: '@rnn-nade/estimator-bernoulli>Bernoulli' });
  });

  it('sample writes a JSON roll and a MIDI file, continuing a primer', async () => {
    const json = join(dir, 'out', 'sample.json');
    // the toy corpus file has no grid, so the model records stepsPerQuarter null: no silent guess
    const refused = await run('sample', '--model', modelDir, '--steps', '12', '--out', json);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/does not record the time steps per quarter note .*\(metadata\.data\.stepsPerQuarter is null\); pass --steps-per-quarter N/);
    expect(existsSync(json)).toBe(false);
    const grid = ['--steps-per-quarter', '4'];
    const r = await run('sample', '--model', modelDir, '--steps', '12', '--seed', '5', '--out', json, ...grid);
    expect(r.code).toBe(0);
    const roll = JSON.parse(readFileSync(json, 'utf8'));
    expect(roll.stepsPerQuarter).toBe(4);
    expect(roll.steps).toHaveLength(12);
    expect(roll.steps.flat().every((p: number) => Number.isInteger(p) && p >= 21 && p <= 108)).toBe(true);
    const again = await run('sample', '--model', modelDir, '--steps', '12', '--seed', '5', '--out', join(dir, 'again.json'), ...grid);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(readFileSync(json, 'utf8')); // same seed, same sample
    const primer = join(dir, 'primer.json');
    writeFileSync(primer, JSON.stringify({ stepsPerQuarter: 4, steps: corpus.test[0] }));
    const mid = join(dir, 'sample.mid');
    const m = await run('sample', '--model', modelDir, '--steps', '8', '--primer', primer, '--include-primer', '--out', mid, ...grid);
    expect(m.code).toBe(0);
    expect(m.out).toContain(`${corpus.test[0]!.length + 8} steps`);
    expect(readFileSync(mid).subarray(0, 4).toString('latin1')).toBe('MThd');
    const svg = join(dir, 'sample.svg');
    expect((await run('sample', '--model', modelDir, '--steps', '8', '--out', svg, ...grid)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('midi2roll and roll2midi (from @rnn-nade/data-midi) are wired in and round-trip a sample', async () => {
    const mid = join(dir, 'sample.mid');
    const back = join(dir, 'back.json');
    const r = await run('midi2roll', mid, '--steps-per-quarter', '4', '--out', back);
    expect(r.code, r.err).toBe(0);
    const steps = JSON.parse(readFileSync(back, 'utf8')).steps as number[][];
    const written = JSON.parse(readFileSync(join(dir, 'primer.json'), 'utf8')).steps as number[][];
    expect(steps.slice(0, written.length).map((s) => [...s].sort())).toEqual(written.map((s) => [...s].sort()));
    expect((await run('roll2midi', back, '--out', join(dir, 'back.mid'))).code).toBe(0);
    expect((await run('midi2roll', join(dir, 'nope.mid'), '--out', back)).code).toBe(1);
  });

  it('a completed run resumes to the same weights without training again', async () => {
    const weights = () => readFileSync(join(modelDir, JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')).weights.file));
    const before = weights();
    const r = await run('train', '--dataset', corpusFile, '--estimator', 'bernoulli', '--out', modelDir, '--epochs', '1', '--lr', '0.01', '--resume', ...small);
    expect(r.code).toBe(0);
    expect(weights().equals(before)).toBe(true);
    const changed = await run(
      'train',
      '--dataset',
      corpusFile,
      '--estimator',
      'bernoulli',
      '--out',
      modelDir,
      '--epochs',
      '1',
      '--lr',
      '0.01',
      '--resume',
      '--batch-size',
      '2',
      '--hidden',
      '8',
      '--quiet',
    );
    expect(changed.code).toBe(1);
    expect(changed.err).toMatch(/^rnn-nade train: error: Cannot resume: the checkpoint was written with batchSize = 4, this run has 2/);
    // the learning rate may change on resume (to continue a diverged run more gently), and says so
    const lower = await run(
      'train',
      '--dataset',
      corpusFile,
      '--estimator',
      'bernoulli',
      '--out',
      modelDir,
      '--epochs',
      '2',
      '--lr',
      '0.002',
      '--resume',
      '--hidden',
      '8',
      '--batch-size',
      '4',
    );
    expect(lower.code, lower.err).toBe(0);
    const log = readTrainLog(join(modelDir, 'train-log.jsonl'));
    expect(log.filter((e) => e.event === 'resume').at(-1)).toMatchObject({ changed: [{ key: 'learningRate', saved: 0.01, current: 0.002 }] });
    expect(log.filter((e) => e.event === 'epoch').map((e) => e.learningRate)).toEqual([0.01, 0.002]);
  });

  it('loads a user estimator with --plugin', async () => {
    const plugin = join(import.meta.dirname, '__fixtures__', 'toy-plugin.ts');
    const out = join(dir, 'plugin-model');
    const r = await run('train', '--dataset', corpusFile, '--estimator', 'toy-plugin', '--plugin', plugin, '--out', out, '--epochs', '1', ...small);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).estimator.className).toBe('toy-plugin-package>Toy');
    const bad = await run('train', '--dataset', corpusFile, '--estimator', 'x', '--plugin', './no-such-plugin.js', '--out', join(dir, 'plugin-model-2'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^rnn-nade train: error: Cannot load plugin "\.\/no-such-plugin\.js"/);
  });
});

describe('rnn-nade errors', () => {
  const oneLine = (s: string) => {
    expect(s.trim().split('\n')).toHaveLength(1);
    expect(s).not.toMatch(/\n\s+at /); // no stack trace
  };

  it('exits 2 with a one-line message on a bad flag, a bad value or an unknown command', async () => {
    for (const argv of [
      ['train', '--dataset', corpusFile, '--estimator', 'bernoulli', '--out', modelDir, '--epoch', '3'],
      ['train', '--dataset', corpusFile, '--estimator', 'bernoulli', '--out', modelDir, '--epochs', 'ten'],
      ['train', '--dataset', corpusFile, '--estimator', 'bernoulli'],
      ['eval', '--model', modelDir, '--dataset', corpusFile, '--split', 'validation'],
      ['frobnicate'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      oneLine(r.err);
    }
    expect((await run('train', '--epoch', '3')).err).toBe(
      `rnn-nade train: Unknown option '--epoch'. Did you mean --epochs? Run "rnn-nade train --help" for the flags.\n`,
    );
    expect((await run('train', '--epochs', 'ten', '--dataset', 'x', '--estimator', 'y', '--out', 'z')).err).toContain(
      '--epochs must be an integer >= 1, got "ten"',
    );
    expect((await run('frobnicate')).err).toContain('unknown command "frobnicate". Commands: train, eval, sample');
  });

  it('exits 1 with a one-line message on a missing dataset, an unknown estimator or a missing model', async () => {
    const missing = await run('train', '--dataset', join(dir, 'nope.json'), '--estimator', 'bernoulli', '--out', join(dir, 'm2'));
    expect(missing.code).toBe(1);
    oneLine(missing.err);
    expect(missing.err).toMatch(/^rnn-nade train: error: Corpus file .*nope\.json does not exist/);
    const unknown = await run('train', '--dataset', corpusFile, '--estimator', 'rbm', '--out', join(dir, 'm3'));
    expect(unknown.code).toBe(1);
    oneLine(unknown.err);
    expect(unknown.err).toMatch(/Unknown estimator "rbm"\. Available: bernoulli \(@rnn-nade\/estimator-bernoulli>Bernoulli\), nade/);
    const noModel = await run('eval', '--model', join(dir, 'no-model'), '--dataset', corpusFile, '--json');
    expect(noModel.code).toBe(1);
    oneLine(noModel.err);
    expect(noModel.err).toContain('Model directory does not exist');
    const verbose = await run('eval', '--model', join(dir, 'no-model'), '--dataset', corpusFile, '--verbose');
    expect(verbose.err).toMatch(/\n\s+at /); // --verbose shows the stack
  });

  it('--help prints the flags and exits 0', async () => {
    const r = await run('train', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--attention-window');
    expect((await run()).code).toBe(2);
  });
});

describe('rnn-nade eval --baseline on real data', () => {
  const dataDir = process.env.RNN_NADE_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
  it('note-1gram scores -11.06 on the JSB Chorales test split', async () => {
    const r = await run('eval', '--baseline', 'note-1gram', '--dataset', 'jsb', '--split', 'test', '--json', '--data-dir', dataDir);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    expect(Math.abs(j.logLikelihoodPerStep - -11.06)).toBeLessThan(0.005);
    expect(j).toMatchObject({ frames: 4725, sequences: 77, accuracy: null, baseline: 'note-1gram' });
  });
});
