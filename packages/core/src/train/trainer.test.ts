import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CheckpointError,
  ConfigError,
  NonFiniteLossError,
  Rng,
  initBackend,
  loadRunState,
  makeBatches,
  readTrainLog,
  train,
  type TrainOptions,
} from '@rnn-nade/core/node';
import { RUN_FILES, SgdOptimizer, trainStep, validationLoss } from '@rnn-nade/core/advanced';
import { expectArraysClose } from '@rnn-nade/core/testing';
import { ToyModel, toySequences } from './__fixtures__/toy-model';
import { resolveTrainOptions } from './resolve-options';

const D = 6;
const data = { train: toySequences(10, D, 1), valid: toySequences(4, D, 2) };
const quiet = { progress: 'none' } as const;
let root: string;

beforeAll(async () => {
  await initBackend({ log: null });
  root = await mkdtemp(join(tmpdir(), 'rnn-nade-train-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const bytesOf = (w: Record<string, { data: Float32Array }>) =>
  Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength).toString('hex')]));
const withoutTimes = (h: { epochs: { seconds: number }[] }) => ({ ...h, epochs: h.epochs.map((e) => ({ ...e, seconds: 0 })) });

describe('train', () => {
  it('lowers the loss, restores the best validation weights and leaks no tensors across epochs', async () => {
    const model = new ToyModel(D, 3);
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const result = await train(model, data, {
      ...quiet,
      epochs: 6,
      batchSize: 3,
      learningRate: 0.05,
      seed: 7,
      earlyStopping: false,
      onEpochEnd: () => void perEpoch.push(tf.memory().numTensors),
    });
    expect(perEpoch.every((n) => n === perEpoch[0])).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    const losses = result.history.epochs.map((e) => e.trainLoss);
    expect(losses[5]!).toBeLessThan(losses[0]! - 0.3);
    const best = Math.min(...result.history.checks.map((c) => c.validLoss));
    expect(result.bestValidLoss).toBe(best);
    // the model now holds the best weights: re-measuring gives the same validation loss
    const again = validationLoss(model, makeBatches(data.valid, { batchSize: 64 }), (7 ^ 0x5eed) >>> 0);
    expect(again).toBeCloseTo(best, 5);
    expect(result.epochsCompleted).toBe(6);
    expect(result.steps).toBe(6 * 4); // 10 sequences, batches of 3
    model.dispose();
  });

  it('applies exactly w - lr * d(mean NLL per frame)/dw (independent float64 gradient)', async () => {
    const model = new ToyModel(D, 5);
    const [batch] = makeBatches(data.train.slice(0, 3), { batchSize: 3 });
    const w0 = model.getWeights();
    const W = w0['toy/W']!.data;
    const b = w0['toy/b']!.data;
    const { batchSize: B, steps: L, inputs, targets, mask } = batch!;
    const gW = new Float64Array(D * D);
    const gb = new Float64Array(D);
    let frames = 0;
    for (let r = 0; r < B * L; r++) {
      if (!mask[r]) continue;
      frames++;
      for (let j = 0; j < D; j++) {
        let z = b[j]!;
        for (let i = 0; i < D; i++) z += inputs[r * D + i]! * W[i * D + j]!;
        const err = 1 / (1 + Math.exp(-z)) - targets[r * D + j]!;
        gb[j]! += err;
        for (let i = 0; i < D; i++) gW[i * D + j]! += inputs[r * D + i]! * err;
      }
    }
    const lr = 0.1;
    const opt = new SgdOptimizer({ kind: 'sgd', momentum: 0 });
    const out = trainStep(model, opt, batch!, { rng: new Rng(1), state: undefined, learningRate: lr, clipNorm: null });
    tf.dispose(out.finalState);
    expect(out.frames).toBe(frames);
    const w1 = model.getWeights();
    expectArraysClose(
      w1['toy/W']!.data,
      Array.from(W, (w, k) => w - (lr * gW[k]!) / frames),
      1e-5,
    );
    expectArraysClose(
      w1['toy/b']!.data,
      Array.from(b, (w, k) => w - (lr * gb[k]!) / frames),
      1e-5,
    );
    const norm = Math.sqrt([...gW, ...gb].reduce((a, g) => a + (g / frames) ** 2, 0));
    expect(out.gradNorm).toBeCloseTo(norm, 4);
    opt.dispose();
    model.dispose();
  });

  it('resumes from a checkpoint with bit-identical weights, history and log (dropout, chunks, decay)', async () => {
    const opts: TrainOptions = {
      ...quiet,
      batchSize: 4,
      chunkSteps: 4,
      learningRate: 0.03,
      seed: 11,
      epochs: 5,
      validateEvery: 2,
      lrSchedule: { kind: 'exponential', rate: 0.8 },
      optimizer: { kind: 'adam' },
      earlyStopping: { patience: 50 },
    };
    const straightDir = join(root, 'straight');
    const a = new ToyModel(D, 9, 0.2);
    const ra = await train(a, data, { ...opts, runDir: straightDir });
    const splitDir = join(root, 'split');
    const b1 = new ToyModel(D, 9, 0.2);
    await train(b1, data, { ...opts, epochs: 2, runDir: splitDir });
    b1.dispose();
    const b2 = new ToyModel(D, 1234, 0.2); // different init: everything must come from the checkpoint
    const rb = await train(b2, data, { ...opts, runDir: splitDir, resume: true });
    expect(rb.resumedFromEpoch).toBe(2);
    // totalSeconds counts the two epochs run before the resume too; seconds only this call
    expect(rb.history.epochs).toHaveLength(5);
    expect(rb.totalSeconds).toBeCloseTo(
      rb.history.epochs.reduce((t, e) => t + e.seconds, 0),
      9,
    );
    expect(rb.totalSeconds).toBeGreaterThan(rb.history.epochs.slice(2).reduce((t, e) => t + e.seconds, 0));
    expect(bytesOf(b2.getWeights())).toEqual(bytesOf(a.getWeights()));
    const ca = await loadRunState(join(straightDir, RUN_FILES.checkpoint));
    const cb = await loadRunState(join(splitDir, RUN_FILES.checkpoint));
    expect(bytesOf(cb!.weights)).toEqual(bytesOf(ca!.weights));
    expect(bytesOf(cb!.optimizer.slots)).toEqual(bytesOf(ca!.optimizer.slots));
    expect(cb!.rng).toEqual(ca!.rng);
    expect(withoutTimes(rb.history)).toEqual(withoutTimes(ra.history));
    const strip = (rs: ReturnType<typeof readTrainLog>) =>
      rs.filter((r) => r.event === 'epoch' || r.event === 'valid').map(({ time: _t, seconds: _s, ...r }) => r);
    const la = readTrainLog(join(straightDir, RUN_FILES.log));
    const lb = readTrainLog(join(splitDir, RUN_FILES.log));
    expect(strip(lb)).toEqual(strip(la));
    expect(lb.filter((r) => r.event === 'resume')).toHaveLength(1);
    const svg = await readFile(join(splitDir, RUN_FILES.lossCurve), 'utf8');
    expect(
      svg
        .match(/class="train"[^>]*points="([^"]*)"/)![1]!
        .trim()
        .split(' '),
    ).toHaveLength(5);
    a.dispose();
    b2.dispose();
  });

  it('refuses to resume with different options', async () => {
    const dir = join(root, 'mismatch');
    const m = new ToyModel(D, 2);
    await train(m, data, { ...quiet, epochs: 1, batchSize: 4, runDir: dir });
    await expect(train(m, data, { ...quiet, epochs: 2, batchSize: 5, runDir: dir, resume: true })).rejects.toThrow(CheckpointError);
    await expect(train(m, data, { ...quiet, epochs: 2, batchSize: 5, runDir: dir, resume: true })).rejects.toThrow(/batchSize = 4/);
    m.dispose();
  });

  it('resumes an Adam run under weightDecay 0 and refuses another weight decay', async () => {
    const dir = join(root, 'weight-decay');
    const m = new ToyModel(D, 2);
    await train(m, data, { ...quiet, epochs: 1, batchSize: 4, runDir: dir, optimizer: { kind: 'adam' } });
    // a fingerprint without weightDecay (as written before the option existed) matches weightDecay 0
    expect(resolveTrainOptions(m, data, { epochs: 1, optimizer: { kind: 'adam', weightDecay: 0 } }).fingerprint.optimizer).toEqual({
      kind: 'adam',
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
    });
    const r = await train(m, data, { ...quiet, epochs: 2, batchSize: 4, runDir: dir, resume: true, optimizer: { kind: 'adam', weightDecay: 0 } });
    expect(r.resumedFromEpoch).toBe(1);
    await expect(
      train(m, data, { ...quiet, epochs: 3, batchSize: 4, runDir: dir, resume: true, optimizer: { kind: 'adam', weightDecay: 0.01 } }),
    ).rejects.toThrow(/weightDecay/);
    m.dispose();
  });

  it('stops early when the validation loss stops improving and restores the best epoch', async () => {
    // validation sequences step downwards while training sequences step upwards: fitting the
    // training data makes the validation loss rise after the first epoch
    const reversed = data.train.map((s) => {
      const out = new Float32Array(s.data.length);
      for (let t = 0; t < s.steps; t++) out.set(s.data.subarray((s.steps - 1 - t) * D, (s.steps - t) * D), t * D);
      return { ...s, data: out };
    });
    const model = new ToyModel(D, 4);
    const snapshots: string[] = [];
    const r = await train(
      model,
      { train: data.train, valid: reversed },
      {
        ...quiet,
        epochs: 30,
        batchSize: 2,
        learningRate: 0.1,
        earlyStopping: { patience: 2 },
        onEpochEnd: () => void snapshots.push(JSON.stringify(bytesOf(model.getWeights()))),
      },
    );
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochsCompleted).toBe(r.bestEpoch! + 3);
    const v = r.history.checks.map((c) => c.validLoss);
    expect(v[r.bestEpoch! + 1]!).toBeGreaterThanOrEqual(v[r.bestEpoch!]!);
    expect(JSON.stringify(bytesOf(model.getWeights()))).toBe(snapshots[r.bestEpoch!]);
    model.dispose();
  });

  it('throws NonFiniteLossError on a NaN loss, keeps the last checkpoint and logs the error', async () => {
    const dir = join(root, 'nan');
    const model = new ToyModel(D, 6);
    const before = tf.memory().numTensors;
    const error = await train(model, data, {
      ...quiet,
      epochs: 4,
      batchSize: 4,
      runDir: dir,
      onEpochEnd: (e) => {
        if (e.epoch === 1) model.lossScale = NaN;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteLossError);
    expect((error as Error).message).toMatch(/loss NaN at epoch 3, batch 1\/3.*after epoch 2.*checkpoint\.ckpt/);
    expect(tf.memory().numTensors).toBe(before);
    const saved = await loadRunState(join(dir, RUN_FILES.checkpoint));
    expect(saved!.epochsDone).toBe(2);
    expect(bytesOf(model.getWeights())).toEqual(bytesOf(saved!.weights)); // the bad step was not applied
    const log = readTrainLog(join(dir, RUN_FILES.log));
    expect(log.at(-1)).toMatchObject({ event: 'error', code: 'NON_FINITE_LOSS' });
    model.dispose();
  });

  it('calls augment once per epoch with the trainer rng and trains on what it returns', async () => {
    const model = new ToyModel(D, 12);
    const seen: number[] = [];
    const r = await train(model, data, {
      ...quiet,
      epochs: 3,
      batchSize: 2,
      earlyStopping: false,
      augment: (seqs, rng) => {
        seen.push(rng.next());
        return seqs.slice(0, 4);
      },
    });
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3); // the rng advances between epochs
    expect(r.steps).toBe(3 * 2); // 4 sequences in batches of 2
    expect(r.history.epochs[0]!.frames).toBe(data.train.slice(0, 4).reduce((a, s) => a + s.steps, 0));
    model.dispose();
  });

  it('lets a callback stop training and rejects invalid options with ConfigError', async () => {
    const model = new ToyModel(D, 8);
    let batches = 0;
    const r = await train(model, data, { ...quiet, epochs: 3, batchSize: 2, onBatchEnd: () => (++batches === 2 ? 'stop' : undefined) });
    expect(r.steps).toBe(2);
    for (const bad of [{ epochs: -1 }, { epochs: 1, batchSize: 0 }, { epochs: 1, resume: true }, { epochs: 1, learningRate: NaN }]) {
      await expect(train(model, data, { ...quiet, ...bad } as TrainOptions)).rejects.toBeInstanceOf(ConfigError);
    }
    await expect(train(model, { train: [], valid: [] }, { ...quiet, epochs: 1 })).rejects.toThrow(/No training sequences/);
    model.dispose();
  });
});
