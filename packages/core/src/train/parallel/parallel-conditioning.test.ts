import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConditioning,
  getEstimatorFactory,
  initBackend,
  makeBatches,
  Rng,
  SequenceModel,
  train,
  type ConditioningSpec,
  type SequenceData,
} from '@rnn-nade/core/node';
import { PARALLEL_BERNOULLI } from './__fixtures__/parallel-plugin';
import { buildModelJson } from '../../model/model-file';
import { disposeState } from '../../encoder/network';
import { sliceRows, splitRows } from './parallel-runner';
import { weightLayout } from './weight-layout';
import { WorkerPool } from './worker-pool';

const D = 6;
const plugin = pathToFileURL(join(import.meta.dirname, '__fixtures__/parallel-plugin.ts')).href;
const spec: ConditioningSpec = {
  features: [
    { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 3 },
    { kind: 'label', name: 'style', classes: ['x', 'y'] },
    { kind: 'user', name: 'u', channels: 2 },
  ],
};

/** Random binary sequences of different lengths, each with random conditioning rows. */
function sequences(n: number, seed: number): SequenceData[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => {
    const steps = 5 + rng.int(12);
    const data = Float32Array.from({ length: steps * D }, () => (rng.next() < 0.3 ? 1 : 0));
    const conditioning = buildConditioning(spec, {
      steps,
      startStep: rng.int(6),
      labels: { style: rng.next() < 0.5 ? 'x' : 'y' },
      user: { u: Float32Array.from({ length: steps * 2 }, () => rng.next() - 0.5) },
    });
    return { steps, dim: D, data, conditioning };
  });
}

const makeModel = () =>
  SequenceModel.create({
    encoder: { inputDim: D, hidden: 8, layers: 2 },
    estimator: getEstimatorFactory(PARALLEL_BERNOULLI).fromConfig({ dim: D, seed: 3 }),
    conditioning: spec,
    seed: 5,
  });
const data = { train: sequences(12, 1), valid: sequences(4, 2) };

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('data-parallel training of a conditioned model', () => {
  it('2 workers: the gradients of every chunk (carried state, conditioning rows sliced) sum to the single-thread gradient (1e-5)', async () => {
    const model = makeModel();
    const batches = makeBatches(data.train, { batchSize: 7, chunkSteps: 6 }).slice(0, 3);
    expect(batches[1]!.reset).toBe(false);
    const layout = weightLayout(model.variables);
    const vars = layout.entries.map((e) => model.variables[e.name]!);
    const pool = await WorkerPool.start({
      size: 2,
      backend: tf.getBackend(),
      modules: [plugin],
      modelJson: buildModelJson(model.encoderConfig, model.estimator, {}, model.conditioning),
      weights: model.getWeights(),
      layout,
    });
    const before = tf.memory().numTensors;
    let state: tf.Tensor[] | undefined;
    try {
      pool.broadcast(model.variables);
      for (const batch of batches) {
        const { value, grads } = tf.variableGrads(() => {
          const out = model.batchLoss(batch, { training: true, rng: new Rng(1), state: batch.reset ? undefined : state });
          disposeState(state);
          state = out.finalState;
          return tf.div(out.loss, out.frames) as tf.Scalar;
        }, vars);
        const frames = batch.mask.reduce((a, b) => a + b, 0);
        const parts = splitRows(batch.batchSize, 2).map(([a, b]) => sliceRows(batch, a, b));
        expect(parts[1]!.conditioning!.length).toBe(parts[1]!.batchSize * batch.steps * 9);
        const results = await pool.step(parts, { totalFrames: frames, seeds: [1, 2] });
        expect(results[0]!.loss + results[1]!.loss).toBeCloseTo((value.dataSync() as Float32Array)[0]!, 5);
        for (const e of layout.entries) {
          const single = grads[model.variables[e.name]!.name]!.dataSync() as Float32Array;
          let maxDiff = 0;
          for (let i = 0; i < e.size; i++)
            maxDiff = Math.max(maxDiff, Math.abs(pool.gradient(0)[e.offset + i]! + pool.gradient(1)[e.offset + i]! - single[i]!));
          expect(maxDiff, e.name).toBeLessThan(1e-5);
        }
        tf.dispose([value, ...Object.values(grads)]);
      }
      disposeState(state);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      await pool.close();
      model.dispose();
    }
  }, 120_000);

  it('train() with 2 workers follows the 1-worker loss curve (1e-4) and leaks no tensors', async () => {
    const run = async (workers: number) => {
      const model = makeModel();
      const before = tf.memory().numTensors;
      const options = { epochs: 2, batchSize: 5, chunkSteps: 6, learningRate: 0.01, seed: 9, progress: 'none', earlyStopping: false } as const;
      const r = await train(model, data, { ...options, workers, workerModules: [plugin] });
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      return r;
    };
    const two = await run(2);
    const one = await run(1);
    expect(two.steps).toBe(one.steps);
    two.history.epochs.forEach((e, i) => {
      expect(Math.abs(e.trainLoss - one.history.epochs[i]!.trainLoss)).toBeLessThan(1e-4);
      expect(Math.abs(e.validLoss! - one.history.epochs[i]!.validLoss!)).toBeLessThan(1e-4);
    });
  }, 120_000);
});
