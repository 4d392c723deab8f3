import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend, pitchesToSequence, train } from '@rnn-nade/core';
import { runCli } from '@rnn-nade/cli';
import { RBM_CLASS_NAME, RbmEstimator } from '@rnn-nade-examples/custom-estimator-rbm';

const dir = mkdtempSync(join(tmpdir(), 'rnn-rbm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await initBackend({ log: null });
});

/** Rising triads on a 12-key roll: simple sequential structure. */
function toySequences(count: number, seed: number) {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  return Array.from({ length: count }, () =>
    pitchesToSequence(
      Array.from({ length: 8 + Math.floor(rand() * 4) }, (_, t) => [t % 5, (t % 5) + 4, (t % 5) + 7]),
      { low: 0, high: 11 },
    ),
  );
}

describe('RNN-RBM through the standard model machinery', () => {
  it('trains (validation pseudo-likelihood improves), saves, loads by className, and evaluates and samples identically', async () => {
    const before = tf.memory().numTensors;
    const est = new RbmEstimator({ dim: 12, hidden: 6, cdSteps: 3, gibbsSteps: 20, initScale: 0.1, seed: 1 });
    const model = SequenceModel.create({ encoder: { inputDim: 12, hidden: 10 }, estimator: est, seed: 2 });
    const seqs = toySequences(12, 3);
    const result = await train(
      model,
      { train: seqs.slice(0, 8), valid: seqs.slice(8) },
      { epochs: 8, batchSize: 4, learningRate: 0.02, progress: 'none', seed: 1 },
    );
    const valid = result.history.epochs.map((e) => e.validLoss!);
    expect(valid.at(-1)!).toBeLessThan(valid[0]! - 0.5);
    const ev = await model.evaluate(seqs.slice(8), { samples: 2, seed: 0 });
    expect(ev.logLikelihoodPerStep).toBeLessThan(0);
    expect(ev.logLikelihoodPerStep).toBeGreaterThan(12 * Math.log(0.5)); // better than uniform after training
    const sample = await model.sample({ steps: 6, seed: 4 });

    const saved = join(dir, 'model');
    await model.save(saved, { metadata: { note: 'rbm test' } });
    const json = JSON.parse(readFileSync(join(saved, 'model.json'), 'utf8'));
    expect(json.estimator.className).toBe(RBM_CLASS_NAME);
    expect(json.estimator.config).toMatchObject({ dim: 12, hidden: 6, cdSteps: 3 });
    const { model: loaded } = await SequenceModel.load(saved);
    expect(loaded.estimator).toBeInstanceOf(RbmEstimator);
    const ev2 = await loaded.evaluate(seqs.slice(8), { samples: 2, seed: 0 });
    expect(ev2.logLikelihoodPerStep).toBe(ev.logLikelihoodPerStep);
    expect(ev2.accuracy).toBe(ev.accuracy);
    expect(Array.from((await loaded.sample({ steps: 6, seed: 4 })).data)).toEqual(Array.from(sample.data));
    loaded.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('works from the CLI with --plugin: train, eval (exact log Z for a small hidden layer) and sample', async () => {
    const corpus = join(dir, 'toy.json');
    const piece = (k: number) => Array.from({ length: 10 }, (_, t) => [60 + ((t + k) % 5), 64 + ((t + k) % 5)]);
    writeFileSync(corpus, JSON.stringify({ train: [0, 1, 2, 3].map(piece), valid: [4].map(piece), test: [5, 6].map(piece) }));
    const plugin = resolve(import.meta.dirname, 'index.ts');
    const out = join(dir, 'cli-model');
    const io = { out: '', err: '' };
    const run = (...argv: string[]) => runCli(argv, { stdout: (t) => (io.out += t), stderr: (t) => (io.err += t), progressStream: { write: () => true } });
    const code = await run(
      'train',
      '--plugin',
      plugin,
      '--estimator',
      'rbm',
      '--dataset',
      corpus,
      '--out',
      out,
      '--epochs',
      '2',
      '--hidden',
      '8',
      '--batch-size',
      '2',
      '--estimator-config',
      '{"hidden":6,"cdSteps":2,"gibbsSteps":10}',
      '--quiet',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).estimator).toMatchObject({ className: RBM_CLASS_NAME, config: { dim: 88, hidden: 6 } });
    io.out = '';
    expect(await run('eval', '--plugin', plugin, '--model', out, '--dataset', corpus, '--split', 'test', '--json')).toBe(0);
    const r = JSON.parse(io.out);
    expect(r.logLikelihoodPerStep).toBeLessThan(0);
    expect(r.logLikelihoodPerStep).toBeGreaterThan(88 * Math.log(0.5));
    // the toy corpus has no grid, so the model records none: sample needs --steps-per-quarter
    expect(
      await run('sample', '--plugin', plugin, '--model', out, '--steps', '4', '--out', join(dir, 's.json'), '--seed', '1', '--steps-per-quarter', '4'),
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')).steps).toHaveLength(4);
  });
});
