import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, initBackend, loadRunState, readTrainLog, train, type TrainOptions } from '@rnn-nade/core/node';
import { PlateauTracker, RUN_FILES, learningRateAt } from '@rnn-nade/core/advanced';
import { ToyModel, toySequences } from './__fixtures__/toy-model';

const D = 6;
const trainSeqs = toySequences(10, D, 1);
// validation sequences played backwards: fitting the training data makes the validation loss
// rise after the first epochs, so the plateau schedule has to reduce the rate
const reversed = trainSeqs.map((s) => {
  const out = new Float32Array(s.data.length);
  for (let t = 0; t < s.steps; t++) out.set(s.data.subarray((s.steps - 1 - t) * D, (s.steps - t) * D), t * D);
  return { ...s, data: out };
});
const data = { train: trainSeqs, valid: reversed };
let root: string;

beforeAll(async () => {
  await initBackend({ log: null });
  root = await mkdtemp(join(tmpdir(), 'rnn-nade-lr-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const plateauOptions: TrainOptions = {
  progress: 'none',
  epochs: 8,
  batchSize: 3,
  learningRate: 0.2,
  seed: 5,
  validateEvery: 2,
  earlyStopping: false,
  lrSchedule: { kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.02 },
};
const lrSequence = (dir: string) =>
  readTrainLog(join(dir, RUN_FILES.log))
    .filter((r) => r.event === 'lr')
    .map(({ time: _t, ...r }) => r);

describe('train with learning-rate schedules', () => {
  it('reduces the rate on a validation plateau as an independent replay of the checks says', async () => {
    const dir = join(root, 'plateau');
    const model = new ToyModel(D, 3);
    const r = await train(model, data, { ...plateauOptions, runDir: dir });
    const replay = new PlateauTracker({ kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.02 }, 0.2);
    for (const c of r.history.checks) replay.update(c.validLoss);
    expect(replay.reductions).toBeGreaterThanOrEqual(2);
    expect(lrSequence(dir)).toHaveLength(replay.reductions);
    // an epoch's learning rate is the rate of its last update: the reductions before its last check
    const used = r.history.epochs.map((e) => e.learningRate);
    const lastCheckBefore = (epoch: number) => {
      const p = new PlateauTracker({ kind: 'plateau', factor: 0.5, patience: 2, cooldown: 1, minLearningRate: 0.02 }, 0.2);
      for (const c of r.history.checks) if (c.epoch < epoch + 1) p.update(c.validLoss);
      return p.learningRate;
    };
    expect(used).toEqual(r.history.epochs.map((e) => lastCheckBefore(e.epoch)));
    expect(used[0]).toBe(0.2);
    expect(Math.min(...used)).toBeLessThan(0.2);
    const saved = await loadRunState(join(dir, RUN_FILES.checkpoint));
    expect(saved!.lrPlateau).toEqual(replay.getState());
    model.dispose();
  });

  it('gives the same learning rates, log and weights after a kill mid-epoch and a resume', async () => {
    const straightDir = join(root, 'straight');
    const a = new ToyModel(D, 3);
    const ra = await train(a, data, { ...plateauOptions, runDir: straightDir });
    const killedDir = join(root, 'killed');
    const b1 = new ToyModel(D, 3);
    let updates = 0;
    // stop in the middle of epoch 4 (4 updates per epoch): the partial epoch is redone on resume
    await train(b1, data, { ...plateauOptions, runDir: killedDir, onBatchEnd: () => (++updates === 18 ? 'stop' : undefined) });
    b1.dispose();
    const before = await loadRunState(join(killedDir, RUN_FILES.checkpoint));
    expect(before!.epochsDone).toBe(4);
    const b2 = new ToyModel(D, 777);
    const rb = await train(b2, data, { ...plateauOptions, runDir: killedDir, resume: true });
    expect(rb.resumedFromEpoch).toBe(4);
    expect(rb.history.epochs.map((e) => e.learningRate)).toEqual(ra.history.epochs.map((e) => e.learningRate));
    expect(lrSequence(killedDir)).toEqual(lrSequence(straightDir));
    expect(lrSequence(straightDir).length).toBeGreaterThanOrEqual(2);
    const wa = a.getWeights()['toy/W']!.data;
    const wb = b2.getWeights()['toy/W']!.data;
    expect(Array.from(wb)).toEqual(Array.from(wa));
    a.dispose();
    b2.dispose();
  });

  it('follows SGDR within and across epochs', async () => {
    const model = new ToyModel(D, 4);
    const seen: { epoch: number; batch: number; batches: number; learningRate: number }[] = [];
    const schedule = { kind: 'cosine', periodEpochs: 1, periodMultiplier: 2, minLearningRate: 0.01 } as const;
    await train(model, data, {
      progress: 'none',
      epochs: 3,
      batchSize: 3,
      learningRate: 0.1,
      earlyStopping: false,
      lrSchedule: schedule,
      onBatchEnd: (i) => void seen.push(i),
    });
    expect(seen).toHaveLength(12);
    for (const s of seen) {
      expect(s.learningRate).toBe(learningRateAt(0.1, schedule, { epoch: s.epoch, step: 0, epochProgress: s.epoch + s.batch / s.batches }));
    }
    // restarts at epochs 0 and 1 (periods of 1 and 2 epochs); half-way through the second period at epoch 2
    expect(seen.filter((s) => s.batch === 0).map((s) => s.learningRate)).toEqual([0.1, 0.1, expect.closeTo(0.055, 12)]);
    model.dispose();
  });

  it('rejects a floor above the initial rate, and a plateau schedule without validation data, with a ConfigError', async () => {
    const model = new ToyModel(D, 2);
    await expect(
      train(model, data, { progress: 'none', epochs: 1, learningRate: 1e-3, lrSchedule: { kind: 'plateau', factor: 0.5, patience: 2, minLearningRate: 0.1 } }),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(
      train(model, { train: trainSeqs, valid: [] }, { progress: 'none', epochs: 1, lrSchedule: { kind: 'plateau', factor: 0.5, patience: 2 } }),
    ).rejects.toThrow(/plateau .*data\.valid must hold sequences/);
    model.dispose();
  });
});
