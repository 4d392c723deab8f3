import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { drumDataSpec } from '@rnn-nade/data-midi/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRUM_CONTINUE_DECODING, DRUM_DECODING } from '../../../examples/drums/src/drum-config';
import { DRUM_CONDITIONING, loadGrooveData } from '../../../examples/drums/src/groove-data';
import { evaluateGroove } from '../../../examples/drums/src/groove-evaluation';
import type { ResultsContext } from '../context';
import { render } from './30-drums';

const repoRoot = resolve(__dirname, '../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');

describe('drums results section', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'results-drums-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('says how to train the model when it is not committed', async () => {
    const ctx: ResultsContext = { repoRoot: root, modelsDir: join(root, 'none'), docsDir: root, dataDir, backend: 'wasm', accuracySamples: 1, log: () => {} };
    expect(await render(ctx)).toMatch(/groove-drums is not committed yet; train it with `npm run drums -w examples\/drums`/);
  });

  it('re-evaluates a conditioned drum model: log-likelihood, groove measures beside the real split and the baselines', async () => {
    const backend = await initBackend({ log: null });
    const model = SequenceModel.create({
      encoder: { inputDim: 9, hidden: 6, attentionWindow: 16 },
      estimator: getEstimatorFactory('nade').fromConfig({ dim: 9, hidden: 4, seed: 1 }),
      conditioning: DRUM_CONDITIONING,
      seed: 3,
    });
    const command = 'npm run drums -w examples/drums -- --epochs 1';
    const training = { command, backend, epochsCompleted: 1, seconds: 12, config: { hidden: 6, nadeHidden: 4, attentionWindow: 16 } };
    await model.save(join(root, 'models/groove-drums'), { metadata: { data: { ...drumDataSpec(4), dataset: 'groove-midi' }, training } });
    const groove = await loadGrooveData({ dataDir, conditioning: DRUM_CONDITIONING });
    const expectedLl = (await model.evaluate(groove.test.rolls, { samples: 0 })).logLikelihoodPerStep;
    const g = await evaluateGroove(model, groove.train, groove.test, {
      unprimed: 64,
      samples: 3,
      decoding: DRUM_DECODING,
      primedDecoding: DRUM_CONTINUE_DECODING,
    });
    model.dispose();

    const before = tf.memory().numTensors;
    const ctx: ResultsContext = {
      repoRoot: root,
      modelsDir: join(root, 'models'),
      docsDir: join(root, 'docs'),
      dataDir,
      backend,
      accuracySamples: 1,
      log: () => {},
    };
    const md = await render(ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(md.split('\n').find((l) => l.startsWith('| **RNN-NADE**'))).toContain(`| ${expectedLl.toFixed(3)} |`);
    // every 4-bar window of the 129 test performances, measured with the same code as the samples
    expect(md).toMatch(new RegExp(`real test split \\(${g.real.rolls} windows\\)`));
    expect(md).toContain(`| autocorrelation at one bar | ${g.real.barAutocorrelation.toFixed(3)} | ${g.unprimed.barAutocorrelation.toFixed(3)} |`);
    expect(md).toContain(`| repeat the last primer bar | ${g.primed.repeatLastBar.toFixed(3)} |`);
    expect(md).toContain(`| silence | 0.000 |`);
    expect(g.primed.cases).toBeGreaterThan(100);
    expect(g.real.barAutocorrelation).toBeGreaterThan(0.5); // real grooves repeat bar after bar
    // an untrained model is no groove: the page says where it loses
    expect(md).toMatch(/\*\*Where it still loses:\*\* unprimed autocorrelation at one bar is/);
    expect(md).toContain(command);
  }, 300_000);
});
