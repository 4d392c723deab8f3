/**
 * Reliability: divergence. An absurd learning rate stops training with a typed error (NaN /
 * Infinity, or a finite loss far above the first batch's), the last good checkpoint survives
 * and can be resumed with a lower learning rate; infinite validation losses count too; the
 * loss-curve picture stays bounded for any values.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  DivergenceError,
  NonFiniteLossError,
  SequenceModel,
  initBackend,
  loadRunState,
  lossCurveSvg,
  readTrainLog,
  train,
  type TrainOptions,
  type TrainableModel,
} from '@rnn-nade/core/node';
import { RUN_FILES, divergenceLimit } from '@rnn-nade/core/advanced';
import { bernoulli } from '@rnn-nade/estimator-bernoulli';
import { runCaptured } from '../packages/cli/src/__fixtures__/run-captured';
import { randomBinary } from './fixtures/saved-model';

const root = mkdtempSync(join(tmpdir(), 'rnn-nade-rel-div-'));
const D = 8;
const data = { train: randomBinary(1, 12, 10, D), valid: randomBinary(2, 4, 10, D) };
const newModel = () => SequenceModel.create({ encoder: { inputDim: D, hidden: 6 }, estimator: bernoulli({ dim: D }), seed: 2 });
const base: TrainOptions = { epochs: 2, batchSize: 4, optimizer: { kind: 'sgd', momentum: 0 }, clipNorm: null, progress: 'none', seed: 5 };

beforeAll(async () => {
  await initBackend({ log: null });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Wraps a model so that its loss is scaled by `scale(training, call)` (a simulated divergence). */
function scaledLoss(model: SequenceModel, scale: (training: boolean, call: number) => number): TrainableModel {
  let calls = 0;
  return {
    variables: model.variables,
    getWeights: () => model.getWeights(),
    setWeights: (w) => model.setWeights(w),
    batchLoss(batch, options) {
      const out = model.batchLoss(batch, options);
      const k = scale(options.training, calls++);
      if (k === 1) return out;
      const loss = tf.tidy(() => tf.mul(out.loss, k)) as tf.Scalar;
      out.loss.dispose();
      return { ...out, loss };
    },
  };
}

describe('divergence stops training, keeps the last good checkpoint, and resumes with a lower learning rate', () => {
  it('learning rate 1e6: typed error, checkpoint of epoch 2 untouched, resume at 0.05 finishes with finite losses', async () => {
    const runDir = join(root, 'run');
    const model = newModel();
    const t0 = performance.now();
    await train(model, data, { ...base, learningRate: 0.05, runDir });
    const checkpoint = join(runDir, RUN_FILES.checkpoint);
    const good = readFileSync(checkpoint);
    const error = await train(model, data, { ...base, epochs: 6, learningRate: 1e6, runDir, resume: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error instanceof NonFiniteLossError || error instanceof DivergenceError, String(error)).toBe(true);
    expect((error as Error).message).toMatch(/Training diverged: .* at epoch 3/);
    expect((error as Error).message).toContain(`The last good checkpoint (after epoch 2) is kept in ${checkpoint}`);
    expect((error as Error).message).toContain('--resume --lr 100000');
    expect(readFileSync(checkpoint).equals(good)).toBe(true);
    const log = readTrainLog(join(runDir, RUN_FILES.log));
    expect(log.at(-1)).toMatchObject({ event: 'error' });

    const result = await train(model, data, { ...base, epochs: 6, learningRate: 0.05, runDir, resume: true });
    expect(result.epochsCompleted).toBe(6);
    expect(result.history.epochs.every((e) => Number.isFinite(e.trainLoss) && e.trainLoss < 10)).toBe(true);
    expect((await loadRunState(checkpoint))!.epochsDone).toBe(6);
    expect(performance.now() - t0).toBeLessThan(60_000); // hang guard
    model.dispose();
  });

  it('an infinite validation loss is divergence (NonFiniteLossError), not an epoch that merely did not improve', async () => {
    const model = newModel();
    const wrapped = scaledLoss(model, (training) => (training ? 1 : Infinity));
    const error = await train(wrapped, data, { ...base, learningRate: 0.05 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect((error as Error).message).toMatch(/validation loss Infinity at epoch 1/);
    model.dispose();
  });

  it("a finite loss far above the first batch's is a DivergenceError; divergence: false only stops on NaN/Infinity", async () => {
    const model = newModel();
    const blowUp = (training: boolean, call: number) => (training && call >= 3 ? 1e7 : 1);
    const error = await train(scaledLoss(model, blowUp), data, { ...base, learningRate: 0.01, clipNorm: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DivergenceError);
    expect((error as Error).message).toMatch(/training loss \S+e\+7 nats\/frame, more than \S+ nats\/frame = the first batch's/);
    const done = await train(scaledLoss(model, blowUp), data, { ...base, learningRate: 0.01, clipNorm: 1, divergence: false });
    expect(done.epochsCompleted).toBe(2);
    model.dispose();
  });

  it('the documented bound: reference + max(10 × |reference|, 100)', () => {
    expect(divergenceLimit(61)).toBe(671);
    expect(divergenceLimit(5.5)).toBe(105.5);
    expect(divergenceLimit(-20)).toBe(180);
    expect(divergenceLimit(61, { factor: 2, margin: 0 })).toBe(183);
  });

  it('the CLI exits 1 with one line and saves no model when training diverges', async () => {
    const corpus = join(root, 'toy.json');
    const steps = () => Array.from({ length: 8 }, (_, t) => [60 + (t % 5), 64 + (t % 3)]);
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(corpus, JSON.stringify({ train: Array.from({ length: 8 }, steps), valid: [steps()], test: [steps()] })),
    );
    const out = join(root, 'cli-run');
    const args = [
      'train',
      '--dataset',
      corpus,
      '--estimator',
      'bernoulli',
      '--out',
      out,
      '--epochs',
      '3',
      '--hidden',
      '6',
      '--batch-size',
      '4',
      '--optimizer',
      'sgd',
      '--clip-norm',
      '0',
      '--quiet',
    ];
    const { code, err } = await runCaptured(...args, '--lr', '1e6');
    expect(code).toBe(1);
    expect(err).toMatch(/^rnn-nade train: error: Training diverged: /);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(() => readFileSync(join(out, 'model.json'))).toThrow();
  });
});

describe('loss-curve pictures are bounded for any values', () => {
  it('1e34, NaN, ±Infinity, equal values and empty series give a small SVG quickly', () => {
    const rec = (epoch: number, trainLoss: number) => ({
      epoch,
      trainLoss,
      validLoss: null,
      learningRate: 1,
      steps: epoch,
      frames: 1,
      seconds: 0,
      improved: false,
    });
    const series = [[1e34, 3e33, 1e34], [NaN, Infinity, -Infinity], [7, 7, 7], [], [1e17, 1e17 + 16, 1e17 + 32], [-1.7e308, 1.7e308]];
    for (const values of series) {
      const t0 = performance.now();
      const svg = lossCurveSvg({ epochs: values.map((v, i) => rec(i, v)), checks: values.map((v, i) => ({ step: i, epoch: i + 1, validLoss: v })) });
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(svg.length).toBeLessThan(20_000);
      expect(svg).not.toMatch(/NaN|Infinity/);
    }
  });
});
