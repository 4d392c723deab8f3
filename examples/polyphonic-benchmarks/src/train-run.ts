import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SequenceModel, getEstimatorFactory, initBackend, train, type DistributionEstimator, type JsonValue, type TrainResult } from '@rnn-nade/core/node';
import { loadCorpus, type Corpus } from '@rnn-nade/data-midi/node';
import { warmStart } from './init-from';
import { randomKeyTransposition, randomTransposition } from './random-transpose';
import { learningRateScheduleOf, type RunConfig } from './run-config';

/** Where a run writes, and how it reports. */
export interface TrainRunOptions {
  /** Directory of the saved (best-validation) model: model.json + weights + loss-curve.svg + train-log.jsonl. */
  readonly modelDir: string;
  /** Scratch directory for the trainer's checkpoint and log (not committed). Default `modelDir/../.runs/<basename>`. */
  readonly runDir: string;
  /** Corpus folder (default `RNN_NADE_DATA_DIR`). */
  readonly dataDir?: string;
  /** The command line that reproduces this run (stored in the model metadata). */
  readonly command: string;
  /** Start from the weights of the saved model in `dir` (named `label` in its metadata) instead of a random initialisation (see {@link warmStart}). */
  readonly initFrom?: { readonly dir: string; readonly label: string };
  /** Continue the checkpoint in `runDir`. */
  readonly resume?: boolean;
  /** Progress output of the trainer. */
  readonly progress?: 'auto' | 'lines' | 'none';
  /**
   * Seconds of the `maxMinutes` budget already spent by this run before an interruption (when
   * resuming), so that a resumed run gets the same total budget as an uninterrupted one. Default 0.
   */
  readonly budgetSpentSeconds?: number;
  /** Called after every epoch with its record (e.g. to stream curves). */
  readonly onEpoch?: (info: { epoch: number; trainLoss: number; validLoss: number | null; seconds: number }) => void;
}

/** What a run returns: the trainer's result plus the facts stored in the model. */
export interface TrainRunResult {
  readonly result: TrainResult;
  readonly backend: string;
  readonly corpus: Corpus;
  readonly metadata: Record<string, JsonValue>;
}

/** Builds the estimator of a run (NADE or independent Bernoulli) for `dim` keys. */
export async function makeEstimator(config: RunConfig, dim: number): Promise<DistributionEstimator> {
  if (config.estimator === 'nade') {
    await import('@rnn-nade/estimator-nade');
    return getEstimatorFactory('nade').fromConfig({ dim, hidden: config.nadeHidden });
  }
  await import('@rnn-nade/estimator-bernoulli');
  return getEstimatorFactory('bernoulli').fromConfig({ dim });
}

/**
 * Trains one benchmark model: loads the corpus, builds LSTM or RNN (+attention, dropout, ReLU projection) + estimator,
 * trains with Adam, clipping, a learning-rate schedule (per-epoch decay, plateau or cosine
 * restarts), early stopping on valid (best weights restored), optional random transposition, a wall-clock budget, an optional warm start from a saved model, and saves the model with its
 * config, data spec and training facts (command, backend, seed, epochs, seconds) as metadata.
 *
 * @example
 * ```ts
 * const { result } = await trainRun(resolveRunConfig({ corpus: 'jsb' }), { modelDir: 'models/x', runDir: '/tmp/x', command: '...' });
 * ```
 */
export async function trainRun(config: RunConfig, options: TrainRunOptions): Promise<TrainRunResult> {
  const backend = await initBackend({ log: null });
  const full = await loadCorpus(config.corpus, { dataDir: options.dataDir });
  const n = config.maxSequences;
  const corpus: Corpus = n > 0 ? { ...full, train: full.train.slice(0, n), valid: full.valid.slice(0, n), test: full.test.slice(0, n) } : full;
  const estimator = await makeEstimator(config, corpus.dim);
  const encoder = {
    inputDim: corpus.dim,
    cell: config.cell,
    hidden: config.hidden,
    layers: config.layers,
    attentionWindow: config.attentionWindow,
    dropout: config.dropout,
    projectionHidden: config.projectionHidden,
  };
  const model = SequenceModel.create({ encoder, estimator, seed: config.seed });
  const started = performance.now();
  try {
    const init = options.initFrom
      ? await warmStart(model, options.initFrom.dir, { ...options.initFrom, runDir: options.runDir, resume: options.resume ?? false })
      : null;
    const result = await train(
      model,
      { train: corpus.train, valid: corpus.valid },
      {
        epochs: config.epochs,
        batchSize: config.batchSize,
        chunkSteps: config.chunkSteps > 0 ? config.chunkSteps : undefined,
        optimizer: { kind: 'adam', weightDecay: config.weightDecay },
        learningRate: config.lr,
        lrSchedule: learningRateScheduleOf(config),
        clipNorm: config.clipNorm > 0 ? config.clipNorm : null,
        earlyStopping: config.patience > 0 ? { patience: config.patience } : false,
        seed: config.seed,
        runDir: options.runDir,
        resume: options.resume,
        progress: options.progress ?? 'lines',
        augment: config.transposeKeys === 1 ? randomKeyTransposition() : config.transpose > 0 ? randomTransposition(config.transpose) : undefined,
        title: `${config.estimator === 'nade' ? 'RNN-NADE' : 'RNN-Bernoulli'} on ${corpus.name}`,
        logInfo: { command: options.command, config: config as unknown as JsonValue },
        onEpochEnd: (info) => {
          options.onEpoch?.({ epoch: info.epoch, trainLoss: info.trainLoss, validLoss: info.validLoss, seconds: info.seconds });
          const minutes = ((options.budgetSpentSeconds ?? 0) * 1000 + performance.now() - started) / 60_000;
          return config.maxMinutes > 0 && minutes >= config.maxMinutes ? 'stop' : undefined;
        },
      },
    );
    const metadata: Record<string, JsonValue> = {
      data: { dataset: corpus.name, source: corpus.source, low: corpus.low, dim: corpus.dim, stepsPerQuarter: corpus.stepsPerQuarter ?? null },
      training: {
        command: options.command,
        backend,
        seed: config.seed,
        config: config as unknown as JsonValue,
        epochsCompleted: result.epochsCompleted,
        steps: result.steps,
        bestEpoch: result.bestEpoch,
        bestValidLossPerStep: result.bestValidLoss,
        stoppedEarly: result.stoppedEarly,
        seconds: Number(result.totalSeconds.toFixed(1)), // every epoch, also those before a resume
        finishedAt: new Date().toISOString(),
        ...(init ? { initFrom: init as unknown as JsonValue } : {}),
      },
    };
    await model.save(options.modelDir, { metadata });
    await mkdir(options.modelDir, { recursive: true });
    if (result.files) {
      await copyFile(result.files.lossCurve, join(options.modelDir, 'loss-curve.svg'));
      await copyFile(result.files.log, join(options.modelDir, 'train-log.jsonl'));
    }
    return { result, backend, corpus, metadata };
  } finally {
    model.dispose();
  }
}
