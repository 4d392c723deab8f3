import {
  ConfigError,
  ENCODER_CELLS,
  SequenceModel,
  acquireRunLock,
  assertRunDirAvailable,
  initBackend,
  SCHEDULE_FLAG_NAMES,
  scheduleFromFlags,
  train,
  type EstimatorConfig,
  type JsonValue,
  type OptimizerConfig,
  type RunLock,
} from '@rnn-nade/core/node';
import { choiceFlag, intFlag, numFlag, optString, parseFlags, requireString, COMMON_FLAGS, DATASET_FLAGS, type FlagSpec } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { loadDataset } from '../dataset';
import { parseConditioningFlag } from '../conditioning';
import type { CliIo } from '../io';
import { findEstimatorFactory, loadBuiltinEstimators, loadPlugin } from '../plugins';
import { reportSkipped } from '../skip-report';
import type { Command } from './command';

const FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  ...DATASET_FLAGS,
  estimator: { type: 'string' },
  out: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  cell: { type: 'string' },
  hidden: { type: 'string' },
  layers: { type: 'string' },
  'attention-window': { type: 'string' },
  dropout: { type: 'string' },
  'projection-hidden': { type: 'string' },
  'input-skip': { type: 'boolean' },
  'input-skip-gate': { type: 'boolean' },
  'estimator-hidden': { type: 'string' },
  'estimator-config': { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  momentum: { type: 'string' },
  'lr-decay': { type: 'string' },
  'lr-schedule': { type: 'string' },
  'lr-patience': { type: 'string' },
  'lr-factor': { type: 'string' },
  'lr-cooldown': { type: 'string' },
  'restart-epochs': { type: 'string' },
  'restart-multiplier': { type: 'string' },
  'min-lr': { type: 'string' },
  'clip-norm': { type: 'string' },
  patience: { type: 'string' },
  'validate-every': { type: 'string' },
  'chunk-steps': { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  resume: { type: 'boolean' },
  force: { type: 'boolean' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  conditioning: { type: 'string' },
};

const USAGE = `rnn-nade train --dataset <jsb|nottingham|piano-midi-de|musedata|FILE.json> --estimator <bernoulli|nade|...> --out DIR [flags]

Trains a sequence model and saves the best (lowest validation loss) weights to DIR, with a
checkpoint after every epoch (DIR/checkpoint.ckpt), a JSON-lines log (DIR/train-log.jsonl) and a
loss-curve picture (DIR/loss-curve.svg). DIR is locked (DIR/run.lock) while training; a DIR that
already holds a model or a checkpoint needs --resume or --force. Training stops with an error when
the loss becomes NaN/Infinity or diverges (far above the first batch's); the last checkpoint is kept.

Model:     --cell lstm|rnn (plain tanh RNN)  --hidden 150  --layers 1  --attention-window 0  --dropout 0  --projection-hidden 0
           --input-skip (a linear map from each step's input, the previous frame and its conditioning row, straight to the estimator params)
           --input-skip-gate (with --input-skip: each input channel of the skip scaled by a gate computed from the recurrent state)
           --estimator-hidden N (the estimator's "hidden", e.g. NADE's H)  --estimator-config JSON
Training:  --epochs 10  --batch-size 16  --optimizer adam|sgd  --lr 0.005  --momentum 0.9 (sgd)
           --lr-schedule exp|plateau|cosine (default exp)  --lr-decay RATE (exp: lr * RATE^epoch)  --min-lr 0 (floor)
           --lr-patience 4 --lr-factor 0.5 --lr-cooldown 0 (plateau: lr * factor after N epochs without a
           better validation loss; keep --lr-patience below --patience)  --restart-epochs 10
           --restart-multiplier 1 (cosine: warm restarts, each period × multiplier)
           --clip-norm 5 (0 = off)  --patience 10 (0 = off)
           --validate-every N (updates; default once per epoch)  --chunk-steps N (truncated BPTT)
           --seed 1  --resume (continue DIR's checkpoint; use the same flags, except --lr which may
           be lowered after a divergence)  --force (overwrite a model or run already in DIR)
           --workers auto|N (gradient threads; default auto = the cores, see docs/guides/backends.md)
Text:      --dataset text:FILE (split 8:1:1 by documents) or text:TRAIN,VALID,TEST  --vectors GLOVE.txt (required)
           --oov skip|zero|unk (default skip)  --eos WORD (appended to every sentence); use --estimator rnade
Condition: --conditioning metric[:N/D][:phraseP][,label:NAME]  feed the encoder each step's position in the bar (from
           each MIDI file's time signatures; N/D, default 4/4, for corpora without a meter; :phraseP adds the bar
           within phrases of P bars, counted from the first bar line) and, for MIDI folders, a label
           whose class is the file's top-level folder (e.g. the composer); sample with --label NAME=VALUE;
           lookback:LAG[+LAG...][:repeats] feeds the frames LAG steps back (e.g. lookback:16+32 = 1 and 2 bars of
           16ths), with one "last frame repeats" bit per lag with :repeats
Other:     --data-dir DIR (default $RNN_NADE_DATA_DIR)  --max-sequences N (first N per split)
           --strict (fail when the dataset folder has files that cannot be used; otherwise they are listed)
           --backend wasm|cpu|tensorflow  --plugin MODULE (repeatable; registers estimators)
           --quiet  --json (summary as one JSON line)  --verbose (stack traces)`;

/** `rnn-nade train`. */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a model on a corpus and save the best weights',
  usage: USAGE,
  run: runTrain,
};

async function runTrain(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: v } = parseFlags('train', argv, FLAGS);
  if (v.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.OK;
  }
  const datasetName = requireString('train', v, 'dataset');
  const estimatorName = requireString('train', v, 'estimator');
  const out = requireString('train', v, 'out');
  const epochs = intFlag(v, 'epochs', 10, 1);
  const batchSize = intFlag(v, 'batch-size', 16, 1);
  const cell = choiceFlag(v, 'cell', ENCODER_CELLS, 'lstm');
  const hidden = intFlag(v, 'hidden', 150, 1);
  const layers = intFlag(v, 'layers', 1, 1, 16);
  const attentionWindow = intFlag(v, 'attention-window', 0);
  const dropout = numFlag(v, 'dropout', 0, 0, 0.99);
  const projectionHidden = intFlag(v, 'projection-hidden', 0);
  const optimizerKind = choiceFlag(v, 'optimizer', ['adam', 'sgd'] as const, 'adam');
  const learningRate = numFlag(v, 'lr', 5e-3, Number.MIN_VALUE);
  const momentum = numFlag(v, 'momentum', 0.9, 0, 0.999);
  const lrSchedule = scheduleFromFlags(
    {
      schedule: choiceFlag(v, 'lr-schedule', SCHEDULE_FLAG_NAMES, 'exp'),
      decay: numFlag(v, 'lr-decay', 1, Number.MIN_VALUE, 1),
      patience: intFlag(v, 'lr-patience', 4, 1),
      factor: numFlag(v, 'lr-factor', 0.5, Number.MIN_VALUE, 0.999),
      cooldown: intFlag(v, 'lr-cooldown', 0),
      restartEpochs: numFlag(v, 'restart-epochs', 10, Number.MIN_VALUE),
      restartMultiplier: numFlag(v, 'restart-multiplier', 1, 1),
      minLearningRate: numFlag(v, 'min-lr', 0, 0),
    },
    { initial: learningRate },
  );
  const clipNorm = numFlag(v, 'clip-norm', 5, 0);
  const patience = intFlag(v, 'patience', 10);
  const validateEvery = v['validate-every'] === undefined ? undefined : intFlag(v, 'validate-every', 1, 1);
  const chunkSteps = v['chunk-steps'] === undefined ? undefined : intFlag(v, 'chunk-steps', 1, 1);
  const seed = intFlag(v, 'seed', 1, 0, 2 ** 31 - 1);
  const workers = v.workers === undefined || v.workers === 'auto' ? 'auto' : intFlag(v, 'workers', 1, 1, 256);
  const maxSequences = v['max-sequences'] === undefined ? undefined : intFlag(v, 'max-sequences', 1, 1);
  let extraConfig: EstimatorConfig = {};
  const rawConfig = optString(v, 'estimator-config');
  if (rawConfig !== undefined) {
    try {
      extraConfig = JSON.parse(rawConfig) as EstimatorConfig;
    } catch {
      throw new UsageError(`--estimator-config must be a JSON object, got ${rawConfig}.`);
    }
    if (typeof extraConfig !== 'object' || extraConfig === null || Array.isArray(extraConfig)) {
      throw new UsageError(`--estimator-config must be a JSON object, got ${rawConfig}.`);
    }
  }

  if (v.force && v.resume) throw new UsageError('--force and --resume exclude each other (overwrite, or continue).');
  assertRunDirAvailable(out, { resume: v.resume === true, force: v.force === true });
  await loadBuiltinEstimators();
  const workerModules: string[] = [];
  for (const p of (v.plugin as string[] | undefined) ?? []) workerModules.push(await loadPlugin(p));
  const { factory, module: estimatorModule } = await findEstimatorFactory(estimatorName);
  if (estimatorModule !== undefined) workerModules.push(estimatorModule);
  const condFlag = optString(v, 'conditioning');
  const conditioning = condFlag === undefined ? undefined : await parseConditioningFlag(condFlag, datasetName);
  const corpus = await loadDataset(datasetName, {
    conditioning,
    dataDir: optString(v, 'data-dir'),
    maxSequences,
    vectors: optString(v, 'vectors'),
    oov: optString(v, 'oov'),
    endOfSentence: optString(v, 'eos'),
  });
  reportSkipped(datasetName, 'skipped' in corpus ? corpus.skipped : undefined, { strict: v.strict === true, stderr: io.stderr });
  if (corpus.train.length === 0) throw new ConfigError(`Dataset ${datasetName} has no training sequences.`);
  const backend = await initBackend({ backend: optString(v, 'backend'), log: v.quiet ? null : (m) => io.stderr(`${m}\n`) });

  let config: EstimatorConfig = factory.defaultConfig ? factory.defaultConfig(corpus.dim) : { dim: corpus.dim };
  if (v['estimator-hidden'] !== undefined) {
    if (!('hidden' in config)) {
      throw new UsageError(
        `--estimator-hidden: ${factory.className} declares no "hidden" (its default config has ${Object.keys(config)
          .map((k) => `"${k}"`)
          .join(', ')}).`,
      );
    }
    config = { ...config, hidden: intFlag(v, 'estimator-hidden', 100, 1) };
  }
  config = { ...config, ...extraConfig };
  const estimator = factory.fromConfig(config);
  const encoder = {
    inputDim: corpus.dim,
    cell,
    hidden,
    layers,
    attentionWindow,
    dropout,
    projectionHidden,
    inputSkip: v['input-skip'] === true,
    inputSkipGate: v['input-skip-gate'] === true,
  };
  const model = SequenceModel.create({ encoder, estimator, seed, conditioning });
  let lock: RunLock | undefined;
  try {
    // held from the first checkpoint to the saved model, so that no other run interleaves with this one
    lock = await acquireRunLock(out, { onWarning: (m) => io.stderr(`${m}\n`) });
    assertRunDirAvailable(out, { resume: v.resume === true, force: v.force === true }); // again: a run may have finished meanwhile
    const optimizer: OptimizerConfig = optimizerKind === 'sgd' ? { kind: 'sgd', momentum } : { kind: 'adam' };
    const command = ['rnn-nade', 'train', ...argv].join(' ');
    if (!v.quiet) {
      io.stderr(
        `training ${estimator.className} (${hidden}x${layers} ${cell.toUpperCase()}) on ${corpus.name}: ${corpus.train.length} train / ` +
          `${corpus.valid.length} valid sequences, D=${corpus.dim}, backend ${backend}\n`,
      );
    }
    const result = await train(
      model,
      { train: corpus.train, valid: corpus.valid },
      {
        epochs,
        batchSize,
        chunkSteps,
        optimizer,
        learningRate,
        lrSchedule,
        validateEvery,
        seed,
        workers,
        workerModules,
        clipNorm: clipNorm === 0 ? null : clipNorm,
        earlyStopping: patience === 0 ? false : { patience },
        runDir: out,
        runLock: lock,
        resume: v.resume === true,
        progress: v.quiet ? 'none' : 'auto',
        progressStream: io.progressStream,
        title: `${estimator.className.split('>').pop()} on ${corpus.name}`,
        logInfo: { command, dataset: corpus.name, estimator: estimator.className },
      },
    );
    const training: { [key: string]: JsonValue } = {
      command,
      backend,
      seed,
      epochsCompleted: result.epochsCompleted,
      steps: result.steps,
      bestEpoch: result.bestEpoch,
      bestValidLossPerStep: result.bestValidLoss,
      stoppedEarly: result.stoppedEarly,
      seconds: Number(result.seconds.toFixed(2)),
      options: { epochs, batchSize, optimizer: optimizerKind, learningRate, lrSchedule: { ...lrSchedule }, clipNorm, patience, chunkSteps: chunkSteps ?? null },
    };
    const data: { [key: string]: JsonValue } =
      'text' in corpus
        ? { ...corpus.text.metadata, maxSequences: maxSequences ?? null }
        : {
            dataset: corpus.name,
            source: corpus.source,
            low: corpus.low,
            dim: corpus.dim,
            stepsPerQuarter: corpus.stepsPerQuarter,
            maxSequences: maxSequences ?? null,
          };
    await model.save(out, { metadata: { data, training } });
    const summary = { model: out, ...training, files: result.files as unknown as JsonValue };
    if (v.json) io.stdout(`${JSON.stringify(summary)}\n`);
    else {
      const best = result.bestValidLoss === null ? 'n/a' : result.bestValidLoss.toFixed(4);
      io.stdout(
        `saved ${out} (epochs ${result.epochsCompleted}, best valid loss/step ${best}${result.stoppedEarly ? ', stopped early' : ''}); ` +
          `log ${result.files?.log}, curve ${result.files?.lossCurve}\n`,
      );
    }
    return EXIT.OK;
  } finally {
    model.dispose();
    await lock?.release();
  }
}
