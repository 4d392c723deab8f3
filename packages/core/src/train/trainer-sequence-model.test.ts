import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend, train, type TrainOptions } from '@rnn-nade/core';
import { LogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { toySequences } from './__fixtures__/toy-model';

const D = 6;
const data = { train: toySequences(10, D, 21, 4, 12), valid: toySequences(4, D, 22, 4, 12) };
let root: string;

beforeAll(async () => {
  await initBackend({ log: null });
  root = await mkdtemp(join(tmpdir(), 'rnn-nade-train-sm-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A small model with every encoder feature on: 2 LSTM layers, attention, dropout, ReLU projection. */
const makeModel = (seed: number) =>
  SequenceModel.create({
    encoder: { inputDim: D, hidden: 6, layers: 2, attentionWindow: 3, dropout: 0.2, projectionHidden: 5 },
    estimator: new LogisticEstimator({ dim: D, withBias: true }),
    seed,
  });

const hex = (m: SequenceModel) =>
  Object.fromEntries(Object.entries(m.getWeights()).map(([k, v]) => [k, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength).toString('hex')]));

describe('train(SequenceModel)', () => {
  const opts: TrainOptions = {
    epochs: 4,
    batchSize: 3,
    chunkSteps: 5,
    learningRate: 0.02,
    seed: 5,
    progress: 'none',
    validateEvery: 3,
    optimizer: { kind: 'sgd', momentum: 0.9, nesterov: true },
    lrSchedule: { kind: 'step', stepEpochs: 2, gamma: 0.5 },
  };

  it('learns, and leaks no tensors across epochs (truncated BPTT with carried state, dropout, attention)', async () => {
    const model = makeModel(1);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const r = await train(model, data, { ...opts, epochs: 6, onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    const losses = r.history.epochs.map((e) => e.trainLoss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 0.2);
    const evalLoss = (await model.evaluate(data.valid)).lossPerStep;
    expect(evalLoss).toBeCloseTo(r.bestValidLoss!, 4); // best weights restored, and the trainer's validation loss = evaluate's
    model.dispose();
  });

  it('resumes bit-identically: 4 epochs straight = 2 epochs + resume to 4 (different init for the resumed model)', async () => {
    const a = makeModel(1);
    await train(a, data, { ...opts, runDir: join(root, 'a') });
    const b = makeModel(1);
    await train(b, data, { ...opts, epochs: 2, runDir: join(root, 'b') });
    b.dispose();
    const c = makeModel(99);
    const r = await train(c, data, { ...opts, runDir: join(root, 'b'), resume: true });
    expect(r.resumedFromEpoch).toBe(2);
    expect(hex(c)).toEqual(hex(a));
    a.dispose();
    c.dispose();
  });
});
