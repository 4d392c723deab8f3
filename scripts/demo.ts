/**
 * `npm run demo`: trains a small RNN-NADE (RNN-Bernoulli when NADE is unavailable) on JSB
 * Chorales in a few minutes on the default backend, prints its test log-likelihood per step next
 * to the note 1-gram baseline, samples a chorale and writes it as JSON, MIDI and a piano-roll SVG.
 *
 * Flags: --out DIR (default demo-output) --epochs N (default 40) --minutes M (time budget for
 * training, default 4) --estimator nade|bernoulli --seed N (default 1) --steps N (sampled steps, default 64)
 * Data: $RNN_NADE_DATA_DIR, else ../shared/data next to the repository.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  SequenceModel,
  getEstimatorFactory,
  initBackend,
  noteOneGramBaseline,
  sequenceToPitches,
  train,
  type DistributionEstimator,
} from '@rnn-nade/core/node';
import { loadCorpus, pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { mkdir, writeFile } from 'node:fs/promises';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'demo' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_USAGE = `usage: npm run demo -- [flags]

Trains a small RNN-NADE on JSB Chorales, prints its test log-likelihood per step next to the note
1-gram baseline, and samples a chorale (JSON, MIDI and piano-roll SVG).

  --out DIR        where to write (default demo-output)
  --epochs N       at most N epochs (default 40)
  --minutes M      time budget for training (default 4)
  --estimator nade|bernoulli   (default nade)
  --seed N         (default 1)
  --steps N        sampled steps (default 64)
  --help           this text

Data: $RNN_NADE_DATA_DIR, else ../shared/data next to the repository.`;

function parseDemoFlags() {
  try {
    return parseArgs({
      options: {
        out: { type: 'string', default: 'demo-output' },
        epochs: { type: 'string', default: '40' },
        minutes: { type: 'string', default: '4' },
        estimator: { type: 'string' },
        seed: { type: 'string', default: '1' },
        steps: { type: 'string', default: '64' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message.split('\n')[0]}\n\n${DEMO_USAGE}\n`);
    process.exit(2);
  }
}
const flags = parseDemoFlags();
if (flags.help) {
  process.stdout.write(`${DEMO_USAGE}\n`);
  process.exit(0);
}
const out = resolve(flags.out!);
const seed = Number(flags.seed);
const budgetMs = Number(flags.minutes) * 60_000;
const shown = (p: string) => {
  const rel = relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
};

async function chooseEstimator(dim: number): Promise<{ estimator: DistributionEstimator; label: string; why: string }> {
  await import('@rnn-nade/estimator-bernoulli');
  let why = '';
  if ((flags.estimator ?? 'nade') === 'nade') {
    try {
      await import('@rnn-nade/estimator-nade');
      return { estimator: getEstimatorFactory('nade').fromConfig({ dim, hidden: 100 }), label: 'RNN-NADE', why: '' };
    } catch (e) {
      why = `NADE is not available (${(e as Error).message.split('\n')[0]}), so the demo uses RNN-Bernoulli`;
    }
  }
  return { estimator: getEstimatorFactory('bernoulli').fromConfig({ dim }), label: 'RNN-Bernoulli', why };
}

const started = performance.now();
const backend = await initBackend();
const dataDir = process.env.RNN_NADE_DATA_DIR ?? (existsSync(resolve(repoRoot, '../shared/data')) ? resolve(repoRoot, '../shared/data') : undefined);
const jsb = await loadCorpus('jsb', { dataDir });
const { estimator, label, why } = await chooseEstimator(jsb.dim);
if (why) console.log(`NOTE: ${why}.`);
console.log(
  `demo: ${label} (LSTM 150 -> ${estimator.className}) on JSB Chorales (${jsb.train.length} train / ${jsb.valid.length} valid / ` +
    `${jsb.test.length} test chorales, 88 keys, quarter notes), backend ${backend}, at most ${flags.epochs} epochs or ${flags.minutes} min`,
);
const model = SequenceModel.create({ encoder: { inputDim: jsb.dim, hidden: 150 }, estimator, seed });
const modelDir = join(out, 'model');
const result = await train(
  model,
  { train: jsb.train, valid: jsb.valid },
  {
    epochs: Number(flags.epochs),
    batchSize: 16,
    learningRate: 5e-3,
    clipNorm: 5,
    earlyStopping: { patience: 5 },
    seed,
    runDir: modelDir,
    title: `${label} on JSB Chorales (demo)`,
    onEpochEnd: () => (performance.now() - started > budgetMs ? 'stop' : undefined),
  },
);
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
await model.save(modelDir, {
  metadata: {
    data: { dataset: 'jsb', source: jsb.source, low: jsb.low, dim: jsb.dim, stepsPerQuarter: jsb.stepsPerQuarter },
    training: { command: 'npm run demo', backend, seed, epochsCompleted: result.epochsCompleted, bestValidLossPerStep: result.bestValidLoss },
  },
});

const test = await model.evaluate(jsb.test, { samples: 1, seed: 0 });
const oneGram = noteOneGramBaseline(jsb.train, jsb.test);
console.log(
  `\ntrained ${result.epochsCompleted} epochs in ${minutes} min; JSB test log-likelihood per step: ${test.logLikelihoodPerStep.toFixed(3)} nats ` +
    `(note 1-gram baseline ${oneGram.logLikelihoodPerStep.toFixed(2)}, ICML 2012 ${label === 'RNN-NADE' ? 'RNN-NADE -5.56' : 'RNN -8.58'}), ` +
    `expected frame accuracy ${(test.accuracy ?? NaN).toFixed(3)}`,
);

const steps = Number(flags.steps);
const sample = await model.sample({ steps, seed, temperature: 1 });
const roll = { stepsPerQuarter: jsb.stepsPerQuarter ?? 1, steps: sequenceToPitches(sample, { low: jsb.low, high: jsb.low + jsb.dim - 1 }) };
await mkdir(out, { recursive: true });
const files = { json: join(out, 'chorale.json'), midi: join(out, 'chorale.mid'), svg: join(out, 'chorale.svg') };
await writeFile(files.json, `${JSON.stringify(roll)}\n`);
await writeFile(files.midi, rollToMidi(roll, { bpm: 80 }));
await writeFile(files.svg, pianoRollSvg(roll, { title: `${label} chorale (${steps} quarter notes, seed ${seed})` }));
model.dispose();

console.log(`\nfiles:
  model          ${shown(modelDir)}/ (model.json + weights; load with SequenceModel.load or rnn-nade eval/sample --model)
  training log   ${shown(join(modelDir, 'train-log.jsonl'))}
  loss curve     ${shown(join(modelDir, 'loss-curve.svg'))}
  sampled chorale ${shown(files.midi)} (MIDI), ${shown(files.svg)} (piano roll), ${shown(files.json)} (JSON roll)`);
