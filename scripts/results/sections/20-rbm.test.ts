import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SequenceModel, initBackend } from '@rnn-nade/core';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import { RbmEstimator } from '@rnn-nade-examples/custom-estimator-rbm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultsContext } from '../context';
import { render } from './20-rbm';

const repoRoot = resolve(__dirname, '../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');

describe('RNN-RBM results section', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'results-rbm-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('says how to train the model when it is not committed', async () => {
    const ctx: ResultsContext = { repoRoot: root, modelsDir: join(root, 'none'), docsDir: root, dataDir, backend: 'wasm', accuracySamples: 1, log: () => {} };
    expect(await render(ctx)).toMatch(/not committed yet; train it with `npm run train -w examples\/custom-estimator-rbm`/);
  });

  it('re-evaluates the committed model on JSB test and shows it beside the cited rows', async () => {
    const backend = await initBackend({ log: null });
    // A small hidden layer: log Z is enumerated exactly, so the page's number is checkable.
    const model = SequenceModel.create({
      encoder: { inputDim: 88, hidden: 4 },
      estimator: new RbmEstimator({ dim: 88, hidden: 5, initScale: 0.1, seed: 2 }),
      seed: 3,
    });
    const command = 'npm run train -w examples/custom-estimator-rbm -- --hidden 4 --rbm-hidden 5';
    await model.save(join(root, 'models/jsb-rnn-rbm'), {
      metadata: { data: { dataset: 'jsb' }, training: { command, backend, epochsCompleted: 3, seconds: 42, bestValidLossPerStep: 20.5 } },
    });
    const jsb = await loadCorpus('jsb', { dataDir, download: false });
    const expected = await model.evaluate(jsb.test, { samples: 0 });
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
    const ours = md.split('\n').find((l) => l.startsWith('| **RNN-RBM (ours'))!;
    expect(ours).toContain(`| ${expected.logLikelihoodPerStep.toFixed(2)} |`);
    expect(ours).toContain('npm run evaluate -w examples/custom-estimator-rbm -- --chains 8 --betas 500 --samples 1');
    expect(md).toContain('| RNN-RBM, ICML 2012 (cited) | -6.27 |');
    expect(md).toContain(command);
    expect(md).toContain('4725 test frames, 77 chorales');
    expect(md).not.toContain('RNN-NADE (ours'); // no models/jsb-rnn-nade here
  });
});
