import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import { describe, expect, it } from 'vitest';
import { tempResultsRoot } from '../__fixtures__/temp-results-root';
import { render } from './12-accuracy';

const repoRoot = resolve(__dirname, '../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');

describe('expected frame accuracy section', () => {
  const scratch = tempResultsRoot('results-accuracy-');

  it("shows the cited JSB accuracies and our committed model with ICML 2012's per-frame average and the other two, re-evaluated", async () => {
    const backend = await initBackend({ log: null });
    await import('@rnn-nade/estimator-nade');
    const model = SequenceModel.create({
      encoder: { inputDim: 88, cell: 'rnn', hidden: 4 },
      estimator: getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: 4 }),
      seed: 3,
    });
    await model.save(join(scratch.root(), 'models/jsb-rnn-nade'), { metadata: { data: { dataset: 'jsb' } } });
    const jsb = await loadCorpus('jsb', { dataDir, download: false });
    const expected = (await model.evaluate(jsb.test, { samples: 1, seed: 0 })).accuracies!;
    model.dispose();

    const before = tf.memory().numTensors;
    const ctx = scratch.context({ dataDir, backend });
    const md = await render(ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(md).toContain('| RNN-NADE, ICML 2012 (cited) | JSB Chorales | 32.50 % |');
    expect(md).toContain('| RNN, ICML 2012 (cited) | JSB Chorales | 28.46 % |');
    expect(md).toContain('| RNN-NADE (LSTM), seed paper (cited) | JSB Chorales | 21.00 % |');
    const ours = md.split('\n').find((l) => l.startsWith('| **RNN-NADE (ours)** | JSB Chorales'))!;
    const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
    expect(ours).toContain(`| ${pct(expected.perFrame)} | ${pct(expected.pooled)} | ${pct(expected.perSequence)} |`);
    expect(ours).toContain('--accuracy per-frame');
    expect(md).toContain('| RNN-NADE (ours) | Nottingham | — | — | — | models/nottingham-rnn-nade is not committed |');
    expect(md).toContain('www-etud.iro.umontreal.ca/~boulanni/icml2012');
    expect(md).toContain('could not\nbe read here');
  }, 60_000);
});
