/**
 * Trains the RNN-RNADE of the language experiment on WikiText-2 (most of valid.txt) in GloVe 50d
 * space, early-stopping on held-out valid.txt documents, and saves it to models/wikitext-rnn-rnade
 * (model.json + weights + history.json for the learning curve). The model card and test numbers
 * come from scripts/report.ts.
 *
 *   npx tsx examples/language-rnade/scripts/train-rnn-rnade.ts [--epochs 12] [--max-sentences N] [--out DIR]
 *     [--run-dir /tmp/language-rnade-run] [--resume]   (--resume continues the run dir's checkpoint up to --epochs;
 *     the trainer's resume ends with the same weights as an uninterrupted run)
 *     [--init-estimator models/wikitext-rnn-rnade/independent-rnade] [--condition-mixture]
 *     [--estimator rnade|anchored] [--lstm 100] [--dropout 0] [--sigma 0.1] [--query-dim Q]
 *
 * --init-estimator pre-trains the estimator, as the ICML 2012 paper pre-trains its RBM/NADE: the
 * RNADE weights start as the trained frame-independent RNADE's, the projection bias as its constant
 * params and the projection kernel at a tenth of its random init, so training starts at the
 * baseline's density and the RNN adds the context. --condition-mixture lets the RNN also set offsets of
 * the mixture biases per step (RNADE's `conditionMixture`), not only the hidden bias.
 *
 * --estimator anchored replaces the RNADE by an anchored mixture (one Gaussian of σ = --sigma at every
 * vocabulary vector, weights softmax(b + V q_t) set by the LSTM; see src/anchored-model.ts): the
 * density whose ranking of the vocabulary is a next-word prediction. --query-dim Q gives its logits a
 * learned [V, Q] output embedding instead of the frozen word vectors.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, train, type JsonValue } from '@rnn-nade/core/node';
import { rnade } from '@rnn-nade/estimator-rnade';
import { DATA_FILES, LANGUAGE_EXPERIMENT as X, OUTPUTS, REPO_ROOT, dataDir } from '../src/experiment-config';
import { loadLanguageData } from '../src/language-data';
import { loadIndependentRnade } from '../src/independent-rnade';
import { initFromIndependentRnade } from '../src/warm-start';
import { createAnchoredModel } from '../src/anchored-model';
import { lengthBucketBatcher } from '../src/length-bucket-batcher';
import { textDataMetadata } from '../src/text-metadata';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'language-rnade train-rnn-rnade' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '12' },
    'max-sentences': { type: 'string' },
    out: { type: 'string', default: OUTPUTS.model },
    'run-dir': { type: 'string', default: '/tmp/language-rnade-run' },
    lr: { type: 'string', default: '0.002' },
    'batch-size': { type: 'string', default: '32' },
    patience: { type: 'string', default: '4' },
    resume: { type: 'boolean', default: false },
    'init-estimator': { type: 'string' },
    'condition-mixture': { type: 'boolean', default: false },
    estimator: { type: 'string', default: 'rnade' },
    lstm: { type: 'string', default: String(X.lstmHidden) },
    dropout: { type: 'string', default: '0' },
    sigma: { type: 'string', default: String(X.minSigma) },
    'query-dim': { type: 'string' },
  },
});
const kind = values.estimator;
if (kind !== 'rnade' && kind !== 'anchored') throw new Error(`--estimator must be rnade or anchored, got ${kind}`);
const lstmHidden = Number(values.lstm);
const dropout = Number(values.dropout);
const epochs = Number(values.epochs);
const learningRate = Number(values.lr);
const batchSize = Number(values['batch-size']);
const patience = Number(values.patience);
const out = resolve(REPO_ROOT, values.out!);
const runDir = resolve(values['run-dir']!);

const backend = await initBackend();
const data = await loadLanguageData(values['max-sentences'] ? { maxSentences: Number(values['max-sentences']) } : {});
console.log(`data: ${data.train.length} train / ${data.valid.length} valid / ${data.test.length} test sentences; backend ${backend}`);
const conditionMixture = values['condition-mixture'] === true; // the RNN also sets the mixture biases per step
const model =
  kind === 'anchored'
    ? createAnchoredModel(data.vectors, {
        lstmHidden,
        sigma: Number(values.sigma),
        trainIds: data.ids.train,
        seed: X.seed,
        dropout,
        ...(values['query-dim'] ? { queryDim: Number(values['query-dim']) } : {}),
      })
    : SequenceModel.create({
        encoder: { inputDim: data.vectors.dim, hidden: lstmHidden, dropout },
        estimator: rnade({ dim: data.vectors.dim, hidden: X.rnadeHidden, components: X.components, minSigma: X.minSigma, seed: X.seed, conditionMixture }),
        seed: X.seed,
      });
const initEstimator = values['init-estimator'] ? resolve(REPO_ROOT, values['init-estimator']) : undefined;
let pretrainEpochs = 0;
if (initEstimator) {
  // the pre-trained RNADE holds the weights of its best epoch (0-based bestEpoch in its metadata)
  const meta = JSON.parse(await readFile(join(initEstimator, 'model.json'), 'utf8')) as { metadata?: { training?: { bestEpoch?: number } } };
  pretrainEpochs = (meta.metadata?.training?.bestEpoch ?? -1) + 1;
}
if (initEstimator && !values.resume) {
  const { model: base } = await loadIndependentRnade(initEstimator);
  initFromIndependentRnade(model, base, { kernelScale: 0.1 });
  base.dispose();
  console.log(`estimator initialised from ${initEstimator}`);
}
const updatesPerEpoch = Math.ceil(data.train.length / batchSize);
const command = `npx tsx examples/language-rnade/scripts/train-rnn-rnade.ts ${process.argv.slice(2).join(' ')}`.trim();
const result = await train(
  model,
  { train: data.train, valid: data.valid },
  {
    epochs,
    batchSize,
    learningRate,
    optimizer: { kind: 'adam' },
    clipNorm: 5,
    earlyStopping: { patience },
    validateEvery: Math.max(1, Math.ceil(updatesPerEpoch / 2)),
    seed: X.seed,
    runDir,
    resume: values.resume === true,
    batcher: lengthBucketBatcher(),
    progress: 'auto',
    title: kind === 'anchored' ? 'LSTM → anchored mixture on WikiText-2 (GloVe 50d)' : 'RNN-RNADE on WikiText-2 (GloVe 50d)',
    workers: 1,
    logInfo: { command },
  },
);
console.log(`trained: ${result.epochsCompleted} epochs, best valid NLL ${result.bestValidLoss} (epoch ${result.bestEpoch}), ${result.seconds.toFixed(0)} s`);
await mkdir(out, { recursive: true });
const training: { [key: string]: JsonValue } = {
  command,
  backend,
  seed: X.seed,
  epochsCompleted: result.epochsCompleted,
  steps: result.steps,
  bestEpoch: result.bestEpoch,
  bestValidLossPerStep: result.bestValidLoss,
  stoppedEarly: result.stoppedEarly,
  seconds: Number(result.totalSeconds.toFixed(1)), // every epoch, also those before a resume
  options: { epochs, batchSize, optimizer: 'adam', learningRate, clipNorm: 5, patience, validateEvery: Math.ceil(updatesPerEpoch / 2), dropout },
  initEstimator: values['init-estimator'] ?? null,
  pretrainEpochs,
};
const meta = textDataMetadata({
  dataset: 'wikitext-2',
  vectorsFile: join(dataDir(), DATA_FILES.glove),
  vectors: data.vectors,
  oov: X.oov,
  endOfSentence: X.endOfSentence,
  extra: {
    split: `train: valid.txt minus every ${X.holdoutEvery}th document; valid: those documents; test: test.txt`,
    trainSentences: data.train.length,
    validSentences: data.valid.length,
    maxSentences: values['max-sentences'] ? Number(values['max-sentences']) : null,
  },
});
await model.save(out, { metadata: { data: meta, training } });
await writeFile(join(out, 'history.json'), `${JSON.stringify(result.history)}\n`);
console.log(`saved ${out}`);
model.dispose();
