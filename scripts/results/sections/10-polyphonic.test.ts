import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import '@rnn-nade/estimator-nade';
import { describe, expect, it } from 'vitest';
import { tempResultsRoot } from '../__fixtures__/temp-results-root';
import { formatNumber } from '../lib/markdown';
import { renderPolyphonic } from './10-polyphonic';

const repoRoot = resolve(__dirname, '../../..');
const dataDir = process.env.RNN_NADE_DATA_DIR ? resolve(repoRoot, process.env.RNN_NADE_DATA_DIR) : resolve(repoRoot, '../shared/data');

describe('polyphonic results section', () => {
  const scratch = tempResultsRoot('results-poly-');

  it('re-evaluates a committed (warm-started) model and recomputes the note 1-gram row (JSB)', async () => {
    const backend = await initBackend({ log: null });
    const estimator = getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: 3 });
    const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 4 }, estimator, seed: 5 });
    const dir = join(scratch.root(), 'models/jsb-rnn-nade');
    const command = 'npm run train -w examples/polyphonic-benchmarks -- --corpus jsb --estimator nade --hidden 4';
    await model.save(dir, {
      metadata: {
        data: { dataset: 'jsb' },
        training: {
          command,
          backend,
          seed: 5,
          epochsCompleted: 2,
          bestEpoch: 1,
          seconds: 12,
          stoppedEarly: true,
          config: { lr: 0.001, batchSize: 16, lrSchedule: 'plateau', lrPatience: 4, lrFactor: 0.5 },
          // a chain: `first`, then the model's own command twice (a warm restart, then this run)
          initFrom: {
            model: 'models/jsb-rnn-nade',
            command,
            epochsCompleted: 4,
            seconds: 10,
            initFrom: { model: 'models/jsb-rnn-nade', command: 'first --out models/jsb-rnn-nade', epochsCompleted: 3, seconds: 20, initFrom: null },
          },
        },
      },
    });
    await writeFile(join(dir, 'loss-curve.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    const jsb = await loadCorpus('jsb', { dataDir, download: false });
    const expected = await model.evaluate(jsb.test, { samples: 1, seed: 0 });
    model.dispose();

    const before = tf.memory().numTensors;
    const ctx = scratch.context({ dataDir, backend });
    const md = await renderPolyphonic(ctx, { corpora: ['jsb'] });
    expect(tf.memory().numTensors).toBe(before);

    const ourRow = md.split('\n').find((l) => l.startsWith('| **RNN-NADE (ours)**'))!;
    expect(ourRow).toContain(`| ${formatNumber(expected.logLikelihoodPerStep, 2)} |`);
    expect(ourRow).toContain(`${(100 * expected.accuracies!.perFrame).toFixed(2)} %`);
    expect(md).toMatch(/\| Note 1-gram [^|]+ \| recomputed now \| -11\.06 \|/);
    expect(md).toContain('| Uniform (88 keys, p = ½) | exact | -61.00 |');
    expect(md).toContain('| RNN-NADE (HF) | ICML 2012 Table 1 (cited) | -5.56 |');
    expect(md).toContain('4,725 test frames');
    expect(md).toContain('`npx rnn-nade eval --model models/jsb-rnn-nade --dataset jsb --split test --samples 1 --seed 0 --accuracy per-frame --json`');
    expect(md).toContain(`retrain \`first --out models/jsb-rnn-nade\` then \`${command}\` 2 times in a row (each run from the best weights of the one before)`);
    expect(md).toContain(
      '| RNN-NADE | LSTM 4×1, NADE 3, Adam 0.001, plateau ×0.5 after 4 flat checks, batch 16 (the last of 3 runs, each warm-started from the one before; commands below) | 5 | ' +
        `3 + 4 + 2 (best 2 of the last run) | early stopping | 42 s | ${backend} |`,
    );
    expect(md).toMatch(
      /JSB Chorales RNN-NADE: -?\d+\.\d\d vs target -5\.10 — \*\*missed\*\*; best published exact -5\.19 \(RNN-NADE, Bengio et al\. 2013\) — \*\*not beaten\*\*/,
    );
    expect(md).toContain('![RNN-NADE (ours) loss curve](figures/polyphonic/jsb-rnn-nade-loss-curve.svg)');
    expect(existsSync(join(scratch.root(), 'docs/figures/polyphonic/jsb-rnn-nade-loss-curve.svg'))).toBe(true);
    expect(await readFile(join(scratch.root(), 'docs/figures/polyphonic/jsb-rnn-nade-loss-curve.svg'), 'utf8')).toContain('<svg');
  });

  it('says so when a corpus has no committed model', async () => {
    const backend = await initBackend({ log: null });
    const ctx = scratch.context({ modelsDir: join(scratch.root(), 'no-models'), docsDir: join(scratch.root(), 'docs2'), dataDir, backend });
    const md = await renderPolyphonic(ctx, { corpora: ['jsb'] });
    expect(md).toContain('No committed model for JSB Chorales yet');
    expect(md).toContain('- no committed models yet');
  });
});
