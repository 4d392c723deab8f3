import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Rng,
  SequenceModel,
  WorkerCrashError,
  getEstimatorFactory,
  initBackend,
  loadRunState,
  registerEstimator,
  makeBatches,
  train,
  type SequenceData,
  type TrainOptions,
} from '@rnn-nade/core/node';
import { CRASHING_BERNOULLI, PARALLEL_BERNOULLI, ParallelBernoulli } from './__fixtures__/parallel-plugin';
import { buildModelJson } from '../../model/model-file';
import { splitRows, sliceRows } from './parallel-runner';
import { weightLayout } from './weight-layout';
import { WorkerPool } from './worker-pool';

const D = 10;
const plugin = pathToFileURL(join(import.meta.dirname, '__fixtures__/parallel-plugin.ts')).href;
let root: string;

/** Random binary sequences of different lengths (so that chunks have padding). */
function sequences(n: number, seed: number): SequenceData[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const steps = 5 + rng.int(12);
    const data = new Float32Array(steps * D);
    for (let i = 0; i < data.length; i++) data[i] = rng.next() < 0.3 ? 1 : 0;
    return { steps, dim: D, data };
  });
}

const makeModel = (className = PARALLEL_BERNOULLI, extra: object = {}) =>
  SequenceModel.create({
    encoder: { inputDim: D, hidden: 12, layers: 2 },
    estimator: getEstimatorFactory(className).fromConfig({ dim: D, seed: 3, ...extra }),
    seed: 5,
  });
const data = { train: sequences(14, 1), valid: sequences(5, 2) };
const base: TrainOptions = {
  epochs: 3,
  batchSize: 5,
  chunkSteps: 6,
  learningRate: 0.01,
  seed: 9,
  progress: 'none',
  earlyStopping: false,
  workerModules: [plugin],
};

beforeAll(async () => {
  await initBackend({ log: null });
  root = await mkdtemp(join(tmpdir(), 'rnn-nade-parallel-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('data-parallel training', () => {
  it('splits rows contiguously, leaving workers idle when there are fewer rows than workers', () => {
    expect(splitRows(5, 2)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(splitRows(1, 3)).toEqual([
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
  });

  it('sums the worker gradients to the single-thread gradient of the whole chunk (1e-5)', async () => {
    const model = makeModel();
    const batch = makeBatches(data.train, { batchSize: 7 })[0]!;
    const layout = weightLayout(model.variables);
    const vars = layout.entries.map((e) => model.variables[e.name]!);
    const { value, grads } = tf.variableGrads(() => {
      const out = model.batchLoss(batch, { training: true, rng: new Rng(1) });
      tf.dispose(out.finalState);
      return tf.div(out.loss, out.frames) as tf.Scalar;
    }, vars);
    const pool = await WorkerPool.start({
      size: 2,
      backend: tf.getBackend(),
      modules: [plugin],
      modelJson: buildModelJson(model.encoderConfig, model.estimator, {}),
      weights: model.getWeights(),
      layout,
    });
    try {
      pool.broadcast(model.variables);
      const frames = batch.mask.reduce((a, b) => a + b, 0);
      const parts = splitRows(batch.batchSize, 2).map(([a, b]) => sliceRows(batch, a, b));
      const results = await pool.step(parts, { totalFrames: frames, seeds: [1, 2] });
      expect(results[0]!.loss + results[1]!.loss).toBeCloseTo((value.dataSync() as Float32Array)[0]!, 5);
      expect(results[0]!.frames + results[1]!.frames).toBe(frames);
      const g0 = pool.gradient(0);
      const g1 = pool.gradient(1);
      for (const e of layout.entries) {
        const single = grads[model.variables[e.name]!.name]!.dataSync() as Float32Array;
        let maxDiff = 0;
        for (let i = 0; i < e.size; i++) maxDiff = Math.max(maxDiff, Math.abs(g0[e.offset + i]! + g1[e.offset + i]! - single[i]!));
        expect(maxDiff, e.name).toBeLessThan(1e-5);
      }
    } finally {
      await pool.close();
      tf.dispose([value, ...Object.values(grads)]);
      model.dispose();
    }
  });

  it('repeats bit for bit with the same seed and worker count, and follows the 1-worker loss curve', async () => {
    const run = async (workers: number) => {
      const model = makeModel();
      const before = tf.memory().numTensors;
      const r = await train(model, data, { ...base, workers });
      expect(tf.memory().numTensors).toBe(before);
      const w = model.getWeights();
      model.dispose();
      return { r, w };
    };
    const a = await run(2);
    const b = await run(2);
    const single = await run(1);
    for (const name of Object.keys(a.w)) expect(Buffer.from(b.w[name]!.data.buffer).equals(Buffer.from(a.w[name]!.data.buffer)), name).toBe(true);
    const curve = (x: typeof a) => x.r.history.epochs.map((e) => e.trainLoss);
    const valid = (x: typeof a) => x.r.history.checks.map((c) => c.validLoss);
    expect(curve(a)).toEqual(curve(b));
    expect(a.r.steps).toBe(single.r.steps);
    for (let i = 0; i < curve(a).length; i++) {
      expect(Math.abs(curve(a)[i]! - curve(single)[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(valid(a)[i]! - valid(single)[i]!)).toBeLessThan(1e-4);
    }
    expect(curve(a)[2]!).toBeLessThan(curve(a)[0]!);
  }, 120_000);

  it("'auto' falls back to one thread, and says why, when the workers cannot rebuild the estimator", async () => {
    // registered here only: no module the workers could import provides it
    const inline = '@rnn-nade/not-importable>InlineBernoulli';
    registerEstimator({ className: inline, fromConfig: (c: { dim: number; seed: number }) => Object.assign(new ParallelBernoulli(c), { className: inline }) });
    process.env.RNN_NADE_WORKERS = '2';
    let text = '';
    try {
      const model = makeModel(inline);
      const r = await train(model, data, { ...base, epochs: 1, workerModules: [], progress: 'lines', progressStream: { write: (t: string) => (text += t) } });
      model.dispose();
      expect(r.epochsCompleted).toBe(1);
    } finally {
      delete process.env.RNN_NADE_WORKERS;
    }
    expect(text).toMatch(/training on one thread: the 2 workers could not start .*Unknown estimator "@rnn-nade\/not-importable>InlineBernoulli"/);
  }, 120_000);

  it('ends with WorkerCrashError (no hang) when a worker dies, keeping the last checkpoint', async () => {
    const runDir = join(root, 'crash');
    // each worker computes one loss per chunk: crash two chunks into the second epoch (the trainer's first shuffle uses Rng(seed))
    const firstEpoch = makeBatches(data.train, { batchSize: 5, chunkSteps: 6, rng: new Rng(9) }).length;
    const model = makeModel(CRASHING_BERNOULLI, { crashAfter: firstEpoch + 2 });
    const error = await train(model, data, { ...base, workers: 2, runDir }).catch((e: unknown) => e);
    model.dispose();
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(/exited unexpectedly \(exit code 7\)/);
    const saved = await loadRunState(join(runDir, 'checkpoint.ckpt'));
    expect(saved?.epochsDone).toBe(1);
  }, 120_000);
});
