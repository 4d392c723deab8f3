/**
 * Trains the frame-independent RNADE baseline (same H, K and σ_min as the RNN-RNADE, constant
 * learned params instead of an RNN) on the same frames and saves it to
 * models/wikitext-rnn-rnade/independent-rnade (with its learning curve in history.json).
 *
 *   npx tsx examples/language-rnade/scripts/train-independent-rnade.ts [--epochs 10] [--max-sentences N] [--out DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '@rnn-nade/core';
import { LANGUAGE_EXPERIMENT as X, OUTPUTS, REPO_ROOT } from '../src/experiment-config';
import { createIndependentRnade, saveIndependentRnade, trainIndependentRnade } from '../src/independent-rnade';
import { loadLanguageData } from '../src/language-data';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    'max-sentences': { type: 'string' },
    out: { type: 'string', default: OUTPUTS.independent },
    lr: { type: 'string', default: '0.002' },
    'batch-size': { type: 'string', default: '256' },
  },
});
const out = resolve(REPO_ROOT, values.out!);
const backend = await initBackend();
const data = await loadLanguageData(values['max-sentences'] ? { maxSentences: Number(values['max-sentences']) } : {});
const m = createIndependentRnade({ dim: data.vectors.dim, hidden: X.rnadeHidden, components: X.components, minSigma: X.minSigma, seed: X.seed });
const t0 = performance.now();
const result = await trainIndependentRnade(m, { train: data.train, valid: data.valid }, {
  epochs: Number(values.epochs),
  batchSize: Number(values['batch-size']),
  learningRate: Number(values.lr),
  patience: 2,
  seed: X.seed,
  onEpochEnd: (e) => console.log(`epoch ${e.epoch + 1}  train ${e.trainNll.toFixed(4)}  valid ${e.validNll.toFixed(4)}  ${e.seconds.toFixed(1)}s`),
});
const seconds = (performance.now() - t0) / 1000;
const command = `npx tsx examples/language-rnade/scripts/train-independent-rnade.ts ${process.argv.slice(2).join(' ')}`.trim();
await mkdir(out, { recursive: true });
await saveIndependentRnade(m, out, {
  training: { command, backend, seed: X.seed, bestEpoch: result.bestEpoch, bestValidNll: result.bestValidNll, seconds: Number(seconds.toFixed(1)), epochs: Number(values.epochs) },
  data: { dataset: 'wikitext-2', oov: X.oov, trainFrames: data.stats.train.frames, maxSentences: values['max-sentences'] ? Number(values['max-sentences']) : null },
});
await writeFile(join(out, 'history.json'), `${JSON.stringify(result.epochs)}\n`);
console.log(`saved ${out}: best valid NLL ${result.bestValidNll.toFixed(4)} (epoch ${result.bestEpoch + 1}), ${seconds.toFixed(0)} s`);
m.dispose();
