/**
 * Trains the frame-independent RNADE baseline (same H, K and σ_min as the RNN-RNADE, constant
 * learned params instead of an RNN) on the same frames and saves it to
 * models/wikitext-rnn-rnade/independent-rnade (with its learning curve in history.json).
 *
 *   npx tsx examples/language-rnade/scripts/train-independent-rnade.ts [--epochs 10] [--max-sentences N] [--out DIR] [--init DIR]
 *
 * --init DIR continues from a saved independent RNADE (its weights and history.json; the Adam
 * moments start afresh), so a run can be extended by more epochs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, readModelDir } from '@rnn-nade/core/node';
import { LANGUAGE_EXPERIMENT as X, OUTPUTS, REPO_ROOT } from '../src/experiment-config';
import { createIndependentRnade, loadIndependentRnade, saveIndependentRnade, trainIndependentRnade } from '../src/independent-rnade';
import { loadLanguageData } from '../src/language-data';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'language-rnade train-independent-rnade' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '10' },
    'max-sentences': { type: 'string' },
    out: { type: 'string', default: OUTPUTS.independent },
    lr: { type: 'string', default: '0.002' },
    'batch-size': { type: 'string', default: '256' },
    init: { type: 'string' },
  },
});
const out = resolve(REPO_ROOT, values.out!);
const backend = await initBackend();
const data = await loadLanguageData(values['max-sentences'] ? { maxSentences: Number(values['max-sentences']) } : {});
const init = values.init ? resolve(REPO_ROOT, values.init) : undefined;
const m = init
  ? (await loadIndependentRnade(init)).model
  : createIndependentRnade({ dim: data.vectors.dim, hidden: X.rnadeHidden, components: X.components, minSigma: X.minSigma, seed: X.seed });
type Rec = { epoch: number; trainNll: number; validNll: number };
const previous: Rec[] = init ? (JSON.parse(await readFile(join(init, 'history.json'), 'utf8')) as Rec[]) : [];
const previousMeta = init ? ((await readModelDir(init)).json.metadata as { training?: { command?: string; seconds?: number } }) : undefined;
const offset = previous.length;
const t0 = performance.now();
const result = await trainIndependentRnade(
  m,
  { train: data.train, valid: data.valid },
  {
    epochs: Number(values.epochs),
    batchSize: Number(values['batch-size']),
    learningRate: Number(values.lr),
    patience: 2,
    seed: X.seed + offset, // a continued run shuffles differently from its first part
    onEpochEnd: (e) => console.log(`epoch ${offset + e.epoch + 1}  train ${e.trainNll.toFixed(4)}  valid ${e.validNll.toFixed(4)}  ${e.seconds.toFixed(1)}s`),
  },
);
const seconds = (performance.now() - t0) / 1000 + (previousMeta?.training?.seconds ?? 0);
const thisCommand = `npx tsx examples/language-rnade/scripts/train-independent-rnade.ts ${process.argv.slice(2).join(' ')}`.trim();
const command = previousMeta?.training?.command ? `${previousMeta.training.command} && ${thisCommand}` : thisCommand;
const history = [...previous, ...result.epochs.map((e) => ({ ...e, epoch: e.epoch + offset }))];
await mkdir(out, { recursive: true });
await saveIndependentRnade(m, out, {
  training: {
    command,
    backend,
    seed: X.seed,
    bestEpoch: result.bestEpoch + offset,
    bestValidNll: result.bestValidNll,
    seconds: Number(seconds.toFixed(1)),
    epochs: history.length,
  },
  data: {
    dataset: 'wikitext-2',
    oov: X.oov,
    trainFrames: data.stats.train.frames,
    maxSentences: values['max-sentences'] ? Number(values['max-sentences']) : null,
  },
});
await writeFile(join(out, 'history.json'), `${JSON.stringify(history)}\n`);
console.log(`saved ${out}: best valid NLL ${result.bestValidNll.toFixed(4)} (epoch ${offset + result.bestEpoch + 1}), ${seconds.toFixed(0)} s in total`);
m.dispose();
