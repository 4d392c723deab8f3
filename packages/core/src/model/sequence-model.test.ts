import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  initBackend,
  LSTM_GATE_ORDER,
  makeBatches,
  ModelFileError,
  registerEstimator,
  Rng,
  SequenceModel,
  ShapeError,
  UnknownEstimatorError,
  type SequenceData,
} from '@rnn-nade/core';
import { disposeState, sealModelDocument, type EncoderState } from '@rnn-nade/core/advanced';
import { LogisticEstimator } from './__fixtures__/logistic-estimator';
import { randomSequences, smallModel } from './__fixtures__/helpers';

const D = 5;
let dir: string;
beforeAll(async () => {
  await initBackend({ log: null });
  registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
  dir = await mkdtemp(join(tmpdir(), 'rnn-nade-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Sum of batchLoss over all chunks, carrying the state; returns [sum, frames]. */
function totalLoss(model: SequenceModel, seqs: SequenceData[], batchSize: number, chunkSteps?: number): [number, number] {
  let total = 0;
  let frames = 0;
  let state: EncoderState | undefined;
  for (const batch of makeBatches(seqs, { batchSize, chunkSteps })) {
    const r = model.batchLoss(batch, { training: false, rng: new Rng(0), state: batch.reset ? undefined : state });
    disposeState(state);
    state = r.finalState;
    total += r.loss.dataSync()[0]!;
    frames += r.frames;
    r.loss.dispose();
  }
  disposeState(state);
  return [total, frames];
}

describe('SequenceModel.batchLoss', () => {
  const cfg = { inputDim: D, hidden: 4, layers: 2, attentionWindow: 4, projectionHidden: 3 };
  const seqs = randomSequences(11, [9, 4, 7], D);

  it('whole-sequence loss equals the sum of chunked losses with carried state (attention memory included)', () => {
    const before = tf.memory().numTensors;
    const model = smallModel(cfg);
    const [whole, frames] = totalLoss(model, seqs, 3);
    expect(frames).toBe(20);
    for (const chunk of [1, 2, 3, 5]) {
      const [chunked, f] = totalLoss(model, seqs, 3, chunk);
      expect(f).toBe(20);
      expect(Math.abs(chunked - whole)).toBeLessThan(1e-4 * Math.abs(whole));
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('padding and batch composition do not change per-sequence results', () => {
    const model = smallModel(cfg);
    const [batched] = totalLoss(model, seqs, 3);
    const single = seqs.map((s) => totalLoss(model, [s], 1)[0]);
    expect(Math.abs(single.reduce((a, b) => a + b, 0) - batched)).toBeLessThan(1e-4 * Math.abs(batched));
    model.dispose();
  });

  it('chunked training gradients flow only within a chunk (carried state detached)', () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    const [first, second] = makeBatches(seqs.slice(0, 1), { batchSize: 1, chunkSteps: 5 });
    const r1 = model.batchLoss(first!, { training: true, rng: new Rng(1) });
    r1.loss.dispose();
    const kernel = model.variables['encoder/lstm0/kernel']!;
    const { grads, value } = tf.variableGrads(() => {
      const r2 = model.batchLoss(second!, { training: true, rng: new Rng(1), state: r1.finalState });
      disposeState(r2.finalState);
      return r2.loss;
    }, [kernel]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(grads[kernel.name]!.shape).toEqual(kernel.shape);
    tf.dispose([value, ...Object.values(grads)]);
    disposeState(r1.finalState);
    model.dispose();
  });

  it('rejects a continuation chunk without state, a wrong state and a wrong frame size', () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    const [, second] = makeBatches(seqs.slice(0, 1), { batchSize: 1, chunkSteps: 5 });
    expect(() => model.batchLoss(second!, { training: false, rng: new Rng(0) })).toThrow(ConfigError);
    const wrong = model.network.initialState(2);
    expect(() => model.batchLoss(second!, { training: false, rng: new Rng(0), state: wrong })).toThrow(ShapeError);
    disposeState(wrong);
    const [other] = makeBatches(randomSequences(1, [3], D + 1), { batchSize: 1 });
    expect(() => model.batchLoss(other!, { training: false, rng: new Rng(0) })).toThrow(ShapeError);
    model.dispose();
    expect(() => SequenceModel.create({ encoder: { inputDim: 3 }, estimator: new LogisticEstimator({ dim: 4, withBias: false }) })).toThrow(ConfigError);
  });
});

describe('save / load', () => {
  it('round-trips weights, config and metadata: identical log-likelihoods and samples', async () => {
    const before = tf.memory().numTensors;
    const model = smallModel({ inputDim: D, hidden: 4, layers: 2, attentionWindow: 3, projectionHidden: 2 });
    const seqs = randomSequences(12, [6, 3], D);
    const path = join(dir, 'm1');
    await model.save(path, { metadata: { epochs: 3, note: 'test' } });
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json.model.lstmGateOrder).toBe(LSTM_GATE_ORDER);
    expect(json.model.paramLayout).toEqual([{ name: 'logits', size: D }]);
    expect(json.estimator).toEqual({ className: '@rnn-nade/core-test>Logistic', config: { dim: D, withBias: true } });
    expect(json.weights.entries.map((e: { name: string }) => e.name).sort()).toEqual(Object.keys(model.variables).sort());
    const { model: loaded, metadata } = await SequenceModel.load(path);
    expect(metadata).toEqual({ epochs: 3, note: 'test' });
    expect(loaded.encoderConfig).toEqual(model.encoderConfig);
    const [a, b] = [await model.evaluate(seqs), await loaded.evaluate(seqs)];
    expect(b.logLikelihoodPerStep).toBe(a.logLikelihoodPerStep);
    const [sa, sb] = [await model.sample({ steps: 8, seed: 4 }), await loaded.sample({ steps: 8, seed: 4 })];
    expect(Array.from(sb.data)).toEqual(Array.from(sa.data));
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips a plain-RNN model (cell "rnn", encoder/rnn<l>/* weights); a file without "cell" is an LSTM', async () => {
    const before = tf.memory().numTensors;
    const model = smallModel({ inputDim: D, cell: 'rnn', hidden: 4, layers: 2, attentionWindow: 2 });
    const seqs = randomSequences(13, [6, 4], D);
    const path = join(dir, 'm-rnn');
    await model.save(path);
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8'));
    expect(json.model.encoder.cell).toBe('rnn');
    expect(json.weights.entries.map((e: { name: string; shape: number[] }) => [e.name, e.shape]).filter(([n]: [string]) => n.startsWith('encoder/'))).toEqual([
      ['encoder/rnn0/kernel', [D, 4]],
      ['encoder/rnn0/recurrentKernel', [4, 4]],
      ['encoder/rnn0/bias', [4]],
      ['encoder/rnn1/kernel', [4, 4]],
      ['encoder/rnn1/recurrentKernel', [4, 4]],
      ['encoder/rnn1/bias', [4]],
      ['encoder/attention/query', [4, 4]],
    ]);
    expect(json.model.forwardPass.join('\n')).toContain('tanh(x_t @ encoder/rnn<l>/kernel');
    const { model: loaded } = await SequenceModel.load(path);
    expect(loaded.encoderConfig.cell).toBe('rnn');
    expect((await loaded.evaluate(seqs)).logLikelihoodPerStep).toBe((await model.evaluate(seqs)).logLikelihoodPerStep);
    loaded.dispose();
    model.dispose();
    const lstm = smallModel({ inputDim: D, hidden: 3 });
    const oldPath = join(dir, 'm-old');
    await lstm.save(oldPath);
    const file = join(oldPath, 'model.json');
    const old = JSON.parse(await readFile(file, 'utf8'));
    delete old.model.encoder.cell; // as written before the plain-RNN cell existed
    await writeFile(file, JSON.stringify(await sealModelDocument(old)));
    const { model: reloaded } = await SequenceModel.load(oldPath);
    expect(reloaded.encoderConfig.cell).toBe('lstm');
    expect((await reloaded.evaluate(seqs)).logLikelihoodPerStep).toBe((await lstm.evaluate(seqs)).logLikelihoodPerStep);
    reloaded.dispose();
    lstm.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the missing package for an unknown estimator', async () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    const path = join(dir, 'm2');
    await model.save(path);
    model.dispose();
    const file = join(path, 'model.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.estimator.className = '@acme/estimator-rbm>RBM';
    await writeFile(file, JSON.stringify(await sealModelDocument(json))); // a consistent file naming an unknown estimator
    const error = await SequenceModel.load(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownEstimatorError);
    expect((error as UnknownEstimatorError).packageName).toBe('@acme/estimator-rbm');
    expect((error as Error).message).toContain('@acme/estimator-rbm');
  });

  it('reports a weight shape mismatch and leaks nothing on failure', async () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    const path = join(dir, 'm3');
    await model.save(path);
    model.dispose();
    const file = join(path, 'model.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.model.encoder.hidden = 4;
    await writeFile(file, JSON.stringify(await sealModelDocument(json))); // consistent checksum, inconsistent shapes
    const before = tf.memory().numTensors;
    const error = await SequenceModel.load(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).reason).toBe('SHAPE_MISMATCH');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('setWeights validates names and shapes', () => {
    const model = smallModel({ inputDim: D, hidden: 3 });
    expect(() => model.setWeights({ nope: { shape: [1], data: new Float32Array(1) } })).toThrow(ShapeError);
    expect(() => model.setWeights({ 'encoder/lstm0/bias': { shape: [11], data: new Float32Array(11) } })).toThrow(ShapeError);
    model.setWeights({ 'encoder/lstm0/bias': { shape: [12], data: new Float32Array(12).fill(0.5) } });
    expect(model.getWeights()['encoder/lstm0/bias']!.data[3]).toBe(0.5);
    model.dispose();
    expect(() => model.getWeights()).toThrow(ConfigError);
  });
});
