import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildConditioning,
  completeSequence,
  initBackend,
  makeBatches,
  Rng,
  SequenceModel,
  suppliedSpec,
  train,
  withDerivedConditioning,
  type ConditioningSpec,
  type SequenceData,
} from '@rnn-nade/core/node';
import { LogisticEstimator, registerLogisticEstimator } from '../model/__fixtures__/logistic-estimator';
import { randomSequences, stepParams } from '../model/__fixtures__/helpers';

const D = 4;
const spec: ConditioningSpec = {
  features: [
    { kind: 'lookback', lags: [2, 3], repeats: true },
    { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 2 },
    { kind: 'label', name: 'style', classes: ['a', 'b'] },
  ],
};
let dir: string;

beforeAll(async () => {
  await initBackend({ log: null });
  registerLogisticEstimator();
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-lookback-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const model = (conditioning: ConditioningSpec = spec, seed = 3) =>
  SequenceModel.create({
    encoder: { inputDim: D, hidden: 5, attentionWindow: 3, projectionHidden: 4 },
    estimator: new LogisticEstimator({ dim: D, withBias: true }),
    conditioning,
    seed,
  });

/** A sequence with only the supplied (metric + label) rows: the lookback channels are left to the model. */
function supplied(seq: SequenceData, m: SequenceModel, startStep = 0): SequenceData {
  return { ...seq, conditioning: buildConditioning(suppliedSpec(m.conditioning)!, { steps: seq.steps, startStep, labels: { style: 'b' } }) };
}

describe('a model with a lookback feature', () => {
  it('fills dim from encoder.inputDim; its first layer reads D + C inputs; the params of step t depend on frames < t only', () => {
    const m = model();
    expect(m.conditioning!.features[0]).toEqual({ kind: 'lookback', lags: [2, 3], repeats: true, dim: D });
    expect(m.encoderConfig.conditioningChannels).toBe(2 * D + 2 + 4 + 2);
    const [seq] = randomSequences(5, [10], D);
    const base = stepParams(m, withDerivedConditioning(m.conditioning, supplied(seq!, m)));
    const P = base.length / 10;
    const t = 4;
    const data = Float32Array.from(seq!.data);
    for (let d = 0; d < D; d++) data[t * D + d] = 1 - data[t * D + d]!;
    const changed = stepParams(m, withDerivedConditioning(m.conditioning, supplied({ ...seq!, data }, m)));
    for (let u = 0; u <= t; u++) expect([...changed.subarray(u * P, (u + 1) * P)], `step ${u}`).toEqual([...base.subarray(u * P, (u + 1) * P)]);
    expect([...changed.subarray((t + 1) * P)]).not.toEqual([...base.subarray((t + 1) * P)]);
    m.dispose();
  });

  it('sampling: fast and tensor paths agree; the returned rows are the ones the data path computes; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const [primer] = randomSequences(8, [6], D);
    const options = { steps: 9, primer: primer!, seed: 4, startStep: 1, labels: { style: 'b' } };
    const fast = await m.sample({ ...options, path: 'fast' });
    const tensor = await m.sample({ ...options, path: 'tensor' });
    expect([...fast.data]).toEqual([...tensor.data]);
    expect([...fast.conditioning!.data]).toEqual([...tensor.conditioning!.data]);
    // the whole piece (primer + sample) through the data path gives the rows the sampler used
    const whole: SequenceData = { steps: 15, dim: D, data: Float32Array.from([...primer!.data, ...fast.data]) };
    const rows = withDerivedConditioning(m.conditioning, supplied(whole, m, 1)).conditioning!;
    const C = rows.channels;
    expect([...fast.conditioning!.data]).toEqual([...rows.data.subarray(6 * C)]);
    // and the log-likelihood of the piece is the same from the sampler's rows and from the frames alone
    const fromRows = await m.evaluate([
      { ...whole, conditioning: { channels: C, data: Float32Array.from([...rows.data.subarray(0, 6 * C), ...fast.conditioning!.data]) } },
    ]);
    const fromFrames = await m.evaluate([supplied(whole, m, 1)]);
    expect(fromRows.logLikelihoodPerStep).toBeCloseTo(fromFrames.logLikelihoodPerStep, 6);
    // completeSequence scores candidates through the same rows
    const done = await completeSequence(m, { ...options, candidates: 2 });
    expect(Number.isFinite(done.logLikelihood)).toBe(true);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('mixed with a user feature: the primer carries the user rows only, sampling takes the generated ones, lookback is filled in between', async () => {
    const mixed: ConditioningSpec = {
      features: [
        { kind: 'user', name: 'u', channels: 2 },
        { kind: 'lookback', lags: [1, 4] },
      ],
    };
    const m = model(mixed);
    const [primer] = randomSequences(12, [5], D);
    const u = (n: number, k: number) => Float32Array.from({ length: n * 2 }, (_, i) => Math.cos(i + k));
    const withU = { ...primer!, conditioning: { channels: 2, data: u(5, 0) } };
    const options = { steps: 7, primer: withU, seed: 6, user: { u: u(7, 10) } };
    const fast = await m.sample({ ...options, path: 'fast' });
    const tensor = await m.sample({ ...options, path: 'tensor' });
    expect([...fast.data]).toEqual([...tensor.data]);
    const whole: SequenceData = {
      steps: 12,
      dim: D,
      data: Float32Array.from([...primer!.data, ...fast.data]),
      conditioning: { channels: 2, data: Float32Array.from([...u(5, 0), ...u(7, 10)]) },
    };
    const rows = withDerivedConditioning(m.conditioning, whole).conditioning!;
    expect(rows.channels).toBe(2 + 2 * D);
    expect([...fast.conditioning!.data]).toEqual([...rows.data.subarray(5 * rows.channels)]);
    m.dispose();
  });

  it('save then load keeps the spec (with dim) and gives the same log-likelihood and samples; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const path = join(dir, 'lookback');
    await m.save(path);
    const { model: copy } = await SequenceModel.load(path);
    expect(copy.conditioning).toEqual(m.conditioning);
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json.model.conditioning.features[0]).toEqual({ kind: 'lookback', lags: [2, 3], repeats: true, dim: D });
    expect(json.model.conditioningInput).toMatch(/lookback: frame t-lag for every lag/);
    const test = randomSequences(9, [7, 11], D).map((s) => supplied(s, m));
    expect((await copy.evaluate(test)).logLikelihoodPerStep).toBeCloseTo((await m.evaluate(test)).logLikelihoodPerStep, 6);
    const options = { steps: 6, primer: test[0], seed: 2, labels: { style: 'b' } };
    expect([...(await copy.sample(options)).data]).toEqual([...(await m.sample(options)).data]);
    m.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('training with a lookback feature', () => {
  it('derives the rows after augmentation: the batches carry the lookback of the augmented frames; no tensor leaks', async () => {
    const before = tf.memory().numTensors;
    const m = model();
    const train0 = randomSequences(11, [8, 6], D).map((s) => supplied(s, m));
    const flip = (seqs: SequenceData[]) => seqs.map((s) => ({ ...s, data: s.data.map((v) => 1 - v) }));
    const seen: SequenceData[][] = [];
    await train(
      m,
      { train: train0, valid: [] },
      {
        epochs: 1,
        batchSize: 2,
        learningRate: 1e-3,
        progress: 'none',
        workers: 1,
        augment: (seqs) => flip(seqs),
        batcher: (seqs, o) => {
          seen.push(seqs);
          return makeBatches(seqs, o);
        },
      },
    );
    const expected = flip(train0).map((s) => withDerivedConditioning(m.conditioning, s).conditioning!.data);
    expect(seen[0]!.map((s) => [...s.conditioning!.data])).toEqual(expected.map((d) => [...d]));
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('learns a period-4 toy (frame t = frame t-4) far better with lookback [4] than without', async () => {
    const dim = 6;
    const rng = new Rng(21);
    const make = (n: number): SequenceData[] =>
      Array.from({ length: n }, () => {
        const steps = 24;
        const data = new Float32Array(steps * dim);
        for (let i = 0; i < 4 * dim; i++) data[i] = rng.next() < 0.5 ? 1 : 0;
        for (let i = 4 * dim; i < steps * dim; i++) data[i] = data[i - 4 * dim]!;
        return { steps, dim, data };
      });
    const data = { train: make(48), valid: make(8) };
    const test = make(16);
    const fit = async (conditioning?: ConditioningSpec) => {
      const m = SequenceModel.create({
        encoder: { inputDim: dim, hidden: 8 },
        estimator: new LogisticEstimator({ dim, withBias: true }),
        conditioning,
        seed: 1,
      });
      await train(m, data, { epochs: 60, batchSize: 8, learningRate: 0.05, seed: 1, progress: 'none', earlyStopping: false, workers: 1 });
      const ll = (await m.evaluate(test)).logLikelihoodPerStep;
      m.dispose();
      return ll;
    };
    const withLookback = await fit({ features: [{ kind: 'lookback', lags: [4] }] });
    const without = await fit();
    // the first 4 frames are coin flips in both: at best 4 * 6 ln 0.5 / 24 = -0.693 nats per step;
    // coin flips everywhere: 6 ln 0.5 = -4.16
    console.log(`period-4 toy, test log-likelihood per step: lookback [4] ${withLookback.toFixed(3)}, none ${without.toFixed(3)}`);
    expect(withLookback).toBeGreaterThan(-1.1);
    expect(withLookback).toBeGreaterThan(without + 1.5);
  }, 120_000);
});
