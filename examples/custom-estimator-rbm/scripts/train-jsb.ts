/**
 * Trains RNN-RBM (LSTM + the RBM estimator of this example) on JSB Chorales (quarter notes) and
 * saves it to models/jsb-rnn-rbm (model.json + weights + loss curve + training log).
 *
 *   npm run train -w examples/custom-estimator-rbm -- [--cpu-minutes 20] [--minutes 0] [--epochs 300] [--out DIR]
 *     [--hidden 150] [--rbm-hidden 150] [--cd 10] [--lr 0.002] [--batch 16] [--patience 20] [--seed 1]
 *     [--max-sequences N]   (N > 0: a quick smoke run on the first N sequences of each split)
 *     [--run-dir DIR] [--resume]   (checkpoint directory; --resume continues its run)
 *
 * Budget: training stops after the epoch in which this process has used `--cpu-minutes` of CPU
 * (user + system; the wasm backend computes on one thread, so about that many minutes of one core,
 * whatever the machine's load), or `--minutes` of wall time when that is > 0, or `--epochs`.
 * A resumed run counts only its own CPU time. Seeded: `--epochs N --cpu-minutes 0` repeats a run.
 *
 * Then `npm run evaluate -w examples/custom-estimator-rbm` measures the test log-likelihood (AIS)
 * and writes the model card.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, train, type JsonValue } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import { RbmEstimator } from '../src/index';
import { JSB_RBM_MODEL_DIR, dataDir } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'custom-estimator-rbm train-jsb' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: f } = parseArgs({
  options: {
    'cpu-minutes': { type: 'string', default: '20' },
    minutes: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '300' },
    out: { type: 'string', default: JSB_RBM_MODEL_DIR },
    hidden: { type: 'string', default: '150' },
    'rbm-hidden': { type: 'string', default: '150' },
    cd: { type: 'string', default: '10' },
    lr: { type: 'string', default: '0.002' },
    batch: { type: 'string', default: '16' },
    patience: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'max-sequences': { type: 'string', default: '0' },
    'run-dir': { type: 'string' },
    resume: { type: 'boolean', default: false },
  },
});
const n = (k: keyof typeof f) => Number(f[k]);
const outDir = resolve(process.cwd(), f.out!);
const argv = process.argv.slice(2).join(' ');
const command = `npm run train -w examples/custom-estimator-rbm${argv ? ` -- ${argv}` : ''}`;

const backend = await initBackend({ log: null });
const full = await loadCorpus('jsb', { dataDir: dataDir() });
const cap = n('max-sequences');
const corpus = cap > 0 ? { ...full, train: full.train.slice(0, cap), valid: full.valid.slice(0, cap) } : full;
const estimator = new RbmEstimator({ dim: corpus.dim, hidden: n('rbm-hidden'), cdSteps: n('cd'), seed: n('seed') });
const model = SequenceModel.create({ encoder: { inputDim: corpus.dim, hidden: n('hidden') }, estimator, seed: n('seed') });
const runDir = f['run-dir'] ? resolve(process.cwd(), f['run-dir']) : join(tmpdir(), `jsb-rnn-rbm-run-${process.pid}`);
const cpuMinutes = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 60e6;
};
const started = performance.now();
try {
  const result = await train(
    model,
    { train: corpus.train, valid: corpus.valid },
    {
      epochs: n('epochs'),
      batchSize: n('batch'),
      optimizer: { kind: 'adam' },
      learningRate: n('lr'),
      clipNorm: 5,
      earlyStopping: { patience: n('patience') },
      seed: n('seed'),
      runDir,
      progress: 'lines',
      title: 'RNN-RBM on JSB Chorales (validation: negative log pseudo-likelihood per step)',
      logInfo: { command },
      resume: f.resume,
      onEpochEnd: () => {
        const wallOut = n('minutes') > 0 && (performance.now() - started) / 60_000 >= n('minutes');
        const cpuOut = n('cpu-minutes') > 0 && cpuMinutes() >= n('cpu-minutes');
        return wallOut || cpuOut ? 'stop' : undefined;
      },
    },
  );
  // Every command that contributed to this run (the first, then each --resume), from the run's log.
  const log = result.files ? await readFile(result.files.log, 'utf8') : '';
  const commands = log
    .split('\n')
    .filter((l) => l.includes('"event":"start"'))
    .map((l) => (JSON.parse(l) as { info?: { command?: string } }).info?.command ?? '?')
    .filter((c) => c !== command);
  commands.push(command); // a resume logs no new start record
  const metadata: Record<string, JsonValue> = {
    data: { dataset: 'jsb', source: corpus.source, low: corpus.low, dim: corpus.dim, stepsPerQuarter: corpus.stepsPerQuarter ?? null },
    training: {
      command,
      commands,
      backend,
      seed: n('seed'),
      config: {
        hidden: n('hidden'),
        rbmHidden: n('rbm-hidden'),
        cdSteps: n('cd'),
        lr: n('lr'),
        batchSize: n('batch'),
        patience: n('patience'),
        cpuMinutes: n('cpu-minutes'),
        minutes: n('minutes'),
        maxSequences: cap,
      },
      epochsCompleted: result.epochsCompleted,
      steps: result.steps,
      bestEpoch: result.bestEpoch,
      bestValidLossPerStep: result.bestValidLoss,
      validLoss: 'negative log pseudo-likelihood per step',
      stoppedEarly: result.stoppedEarly,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      cpuSeconds: Number((cpuMinutes() * 60).toFixed(1)),
      resumedFromEpoch: result.resumedFromEpoch,
      finishedAt: new Date().toISOString(),
    },
  };
  await model.save(outDir, { metadata });
  await mkdir(outDir, { recursive: true });
  if (result.files) {
    await copyFile(result.files.lossCurve, join(outDir, 'loss-curve.svg'));
    await copyFile(result.files.log, join(outDir, 'train-log.jsonl'));
  }
  console.log(
    `saved ${relative(process.cwd(), outDir) || '.'}: ${result.epochsCompleted} epochs, best valid NPL/step ${result.bestValidLoss?.toFixed(3)} at epoch ${result.bestEpoch}`,
  );
} finally {
  model.dispose();
}
