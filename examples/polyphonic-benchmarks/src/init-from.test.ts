import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceModel, initBackend } from '@rnn-nade/core/node';
import { nade } from '@rnn-nade/estimator-nade';
import { INIT_FROM_FILE, InitFromError, initWeightsFrom, warmStart } from './init-from';
import { dataDirOrDefault } from './paths';
import { resolveRunConfig } from './run-config';
import { trainRun } from './train-run';

const make = (seed: number, hidden = 6) => SequenceModel.create({ encoder: { inputDim: 5, hidden }, estimator: nade({ dim: 5, hidden: 4, seed }), seed });
const bytes = (m: SequenceModel) => Object.entries(m.getWeights()).map(([k, w]) => [k, Buffer.from(w.data.buffer).toString('hex')]);

let root: string;
beforeAll(async () => {
  await initBackend({ log: null });
  root = await mkdtemp(join(tmpdir(), 'init-from-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('initWeightsFrom', () => {
  it('copies every weight of a saved model of the same architecture and returns its training facts, leaking no tensors', async () => {
    const saved = make(1);
    const dir = join(root, 'a');
    const inner = { model: 'models/x', command: 'npm run train -- --epochs 9', epochsCompleted: 9, seconds: 5, stoppedEarly: false };
    await saved.save(dir, {
      metadata: {
        training: {
          command: 'npm run train -- --init-from models/x',
          epochsCompleted: 3,
          bestValidLossPerStep: 2.5,
          seconds: 1.5,
          stoppedEarly: true,
          initFrom: inner,
        },
      },
    });
    const model = make(2);
    expect(bytes(model)).not.toEqual(bytes(saved));
    const before = tf.memory().numTensors;
    const info = await initWeightsFrom(model, dir, { label: 'models/a' });
    expect(tf.memory().numTensors).toBe(before);
    expect(bytes(model)).toEqual(bytes(saved));
    expect(info).toEqual({
      model: 'models/a',
      command: 'npm run train -- --init-from models/x',
      epochsCompleted: 3,
      bestValidLossPerStep: 2.5,
      seconds: 1.5,
      stoppedEarly: true,
      initFrom: { ...inner, bestValidLossPerStep: null, initFrom: null },
    });
    saved.dispose();
    model.dispose();
  });

  it('rejects a folder without a model and a model of another architecture', async () => {
    const other = make(1, 7);
    const dir = join(root, 'b');
    await other.save(dir);
    const model = make(2);
    await expect(initWeightsFrom(model, join(root, 'none'), { label: 'none' })).rejects.toThrow(InitFromError);
    await expect(initWeightsFrom(model, dir, { label: 'models/b' })).rejects.toThrow(
      /--init-from models\/b: weight "encoder\/lstm0\/bias" is \[28\] there and \[24\]/,
    );
    other.dispose();
    model.dispose();
  });
});

describe('warmStart', () => {
  it('records the facts in the run dir and, on a resume, reports them even after the source folder was replaced', async () => {
    const dir = join(root, 'c');
    const runDir = join(root, 'c-run');
    const first = make(1);
    await first.save(dir, { metadata: { training: { command: 'first' } } });
    const model = make(2);
    expect((await warmStart(model, dir, { label: 'models/c', runDir, resume: false })).command).toBe('first');
    expect(JSON.parse(await readFile(join(runDir, INIT_FROM_FILE), 'utf8')).command).toBe('first');
    await first.save(dir, { metadata: { training: { command: 'second' } } }); // --out = --init-from: the run replaced it
    expect((await warmStart(model, dir, { label: 'models/c', runDir, resume: true })).command).toBe('first');
    expect((await warmStart(model, dir, { label: 'models/c', runDir, resume: false })).command).toBe('second');
    first.dispose();
    model.dispose();
  });
});

describe('trainRun with initFrom (real JSB, tiny)', () => {
  it('starts from the saved weights, stores the first run in its metadata, and can write over the folder it started from', async () => {
    const config = resolveRunConfig({ hidden: 8, nadeHidden: 8, maxSequences: 4, epochs: 2, patience: 0 });
    const dir = join(root, 'jsb');
    const common = { modelDir: dir, dataDir: dataDirOrDefault(), progress: 'none' as const };
    const a = await trainRun(config, { ...common, runDir: join(root, 'run-a'), command: 'first' });
    const b = await trainRun(
      { ...config, lr: 1e-9, epochs: 1 },
      { ...common, runDir: join(root, 'run-b'), command: 'second', initFrom: { dir, label: 'models/jsb' } },
    );
    const training = b.metadata.training as { initFrom: { command: string; epochsCompleted: number; model: string } };
    expect(training.initFrom).toMatchObject({ command: 'first', epochsCompleted: 2, model: 'models/jsb' });
    // a learning rate of 1e-9 leaves the weights where the first run left them: the second run's
    // first validation loss is the first run's best (up to float32 summation order)
    expect(b.result.history.epochs[0]!.validLoss).toBeCloseTo(a.result.bestValidLoss!, 4);
    const reloaded = await SequenceModel.load(dir);
    expect((reloaded.metadata.training as { command: string }).command).toBe('second');
    reloaded.model.dispose();
  }, 120_000);
});
