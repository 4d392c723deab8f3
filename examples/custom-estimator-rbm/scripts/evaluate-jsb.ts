/**
 * Scores the committed RNN-RBM (models/jsb-rnn-rbm) on JSB Chorales: log-likelihood per step with
 * AIS per frame, expected frame accuracy, pseudo-likelihood; optionally (re)writes its model card.
 *
 *   npm run evaluate -w examples/custom-estimator-rbm -- [--model DIR] [--split test] [--chains 8]
 *     [--betas 500] [--samples 1] [--seed 0] [--max-sequences N] [--card] [--json]
 */
import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { JSB_EVAL_AIS, evaluateRbmModel } from '../src/evaluate-rbm';
import { JSB_RBM_MODEL_DIR, REPO_ROOT, dataDir } from '../src/paths';
import { renderModelCard } from '../src/model-card';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'custom-estimator-rbm evaluate-jsb' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: f } = parseArgs({
  options: {
    model: { type: 'string', default: JSB_RBM_MODEL_DIR },
    split: { type: 'string', default: 'test' },
    chains: { type: 'string', default: String(JSB_EVAL_AIS.chains) },
    betas: { type: 'string', default: String(JSB_EVAL_AIS.betas) },
    samples: { type: 'string', default: '1' },
    seed: { type: 'string', default: '0' },
    'max-sequences': { type: 'string', default: '0' },
    card: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const split = f.split as 'train' | 'valid' | 'test';
const modelDir = resolve(process.cwd(), f.model!);
const ais = { chains: Number(f.chains), betas: Number(f.betas) };
const r = await evaluateRbmModel(modelDir, {
  split,
  ais,
  samples: Number(f.samples),
  seed: Number(f.seed),
  dataDir: dataDir(),
  maxSequences: Number(f['max-sequences']),
});
const argv = process.argv
  .slice(2)
  .filter((a) => a !== '--card' && a !== '--json')
  .join(' ');
const command = `npm run evaluate -w examples/custom-estimator-rbm${argv ? ` -- ${argv}` : ''}`;
if (f.json) console.log(JSON.stringify({ ...r, metadata: undefined, ais, command }));
else {
  console.log(`${relative(REPO_ROOT, modelDir)} on ${r.dataset} ${split}: ${r.frames} frames, ${r.sequences} sequences`);
  console.log(
    `  log-likelihood per step ${r.logLikelihoodPerStep.toFixed(3)} (log Z by ${r.logPartition === 'ais' ? `AIS, ${ais.chains} chains x ${ais.betas} betas` : 'enumeration'})`,
  );
  console.log(
    `  expected frame accuracy ${r.accuracy === null ? '-' : r.accuracy.toFixed(4)}; neg. log pseudo-likelihood per step ${r.negLogPseudoLikelihoodPerStep.toFixed(3)}; ${r.seconds.toFixed(0)} s`,
  );
}
if (f.card) {
  const card = renderModelCard({ evaluation: r, ais, split, evalCommand: command, modelJson: join(modelDir, 'model.json') });
  await writeFile(join(modelDir, 'README.md'), await card);
  console.log(`wrote ${relative(process.cwd(), join(modelDir, 'README.md'))}`);
}
