/**
 * AIS convergence study on the committed RNN-RBM: the log-likelihood per step of the first N test
 * chorales for several (chains, betas) settings, written to models/jsb-rnn-rbm/ais-study.json
 * (the model card shows it).
 *
 *   npm run ais-study -w examples/custom-estimator-rbm -- [--sequences 4] [--settings 4x100,8x500,16x1000,8x2000]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateRbmModel } from '../src/evaluate-rbm';
import { JSB_RBM_MODEL_DIR, dataDir } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'custom-estimator-rbm ais-study' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: f } = parseArgs({
  options: { sequences: { type: 'string', default: '4' }, settings: { type: 'string', default: '4x100,8x500,16x1000,8x2000' } },
});
const argv = process.argv.slice(2).join(' ');
const rows: { chains: number; betas: number; ll: number; seconds: number }[] = [];
let frames = 0;
for (const s of f.settings!.split(',')) {
  const [chains, betas] = s.split('x').map(Number) as [number, number];
  const r = await evaluateRbmModel(JSB_RBM_MODEL_DIR, { ais: { chains, betas }, samples: 0, seed: 0, dataDir: dataDir(), maxSequences: Number(f.sequences) });
  frames = r.frames;
  rows.push({ chains, betas, ll: r.logLikelihoodPerStep, seconds: r.seconds });
  console.log(`${chains} chains x ${betas} betas: ${r.logLikelihoodPerStep.toFixed(4)} (${r.seconds.toFixed(0)} s, ${r.frames} frames)`);
}
const out = { command: `npm run ais-study -w examples/custom-estimator-rbm${argv ? ` -- ${argv}` : ''}`, sequences: Number(f.sequences), frames, rows };
await writeFile(join(JSB_RBM_MODEL_DIR, 'ais-study.json'), `${JSON.stringify(out, null, 2)}\n`);
