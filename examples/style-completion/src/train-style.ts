import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ConfigError,
  SequenceModel,
  getEstimatorFactory,
  initBackend,
  suppliedSpec,
  train,
  type ConditioningFeature,
  type JsonValue,
  type SequenceData,
  type TrainResult,
} from '@rnn-nade/core/node';
import { rollConditioning } from '@rnn-nade/data-midi/node';
import '@rnn-nade/estimator-nade';
import { barAlignedCrop, sliceSequence } from './bar-crop';
import { STYLE_STEPS_PER_QUARTER, type StageData, type StyleData } from './piano-data';
import type { StageConfig, StyleConfig } from './style-config';

/** Options of {@link trainStyleModel}. */
export interface TrainStyleOptions {
  /** Where the final (fine-tuned) model is saved. */
  readonly modelDir: string;
  /** Where the pre-trained-only model (after stage 1) is saved, for comparison. */
  readonly pretrainedDir: string;
  /** Scratch folder for the trainer's checkpoints (one sub-folder per stage). */
  readonly runDir: string;
  /** The command that reproduces the run (stored in the metadata). */
  readonly command: string;
  /** Trainer progress output (default `'lines'`). */
  readonly progress?: 'auto' | 'lines' | 'none';
  /**
   * Continue an interrupted run from the checkpoints in `runDir`: a stage whose checkpoint exists
   * resumes from it; with `fromPretrained`, stage 1 is not run again and the model saved in
   * `pretrainedDir` is fine-tuned (default false).
   */
  readonly resume?: boolean;
  /** Skip stage 1 and fine-tune the model in `pretrainedDir` (with `resume`; default false). */
  readonly fromPretrained?: boolean;
}

/**
 * The conditioning features of a config: the metric position on the eighth-note grid (2 steps
 * per quarter-note beat; up to 6 beats, so 6/8 and 3/4 keep their own beats) with its phrase
 * position, then the lookback frames with their repeat bits.
 */
function styleConditioning(config: StyleConfig): ConditioningFeature[] {
  const features: ConditioningFeature[] = [];
  if (config.barsPerPhrase > 0) features.push({ kind: 'metric', stepsPerBeat: STYLE_STEPS_PER_QUARTER, beatsPerBar: 6, barsPerPhrase: config.barsPerPhrase });
  if (config.lookbackLags.length > 0) features.push({ kind: 'lookback', lags: config.lookbackLags, repeats: true });
  return features;
}

/** The stage-1 model of a config: LSTM (+ attention) over the frame and its lookback inputs, NADE output. */
function createStyleModel(config: StyleConfig): SequenceModel {
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: 88, hidden: config.nadeHidden, seed: config.seed });
  const features = styleConditioning(config);
  return SequenceModel.create({
    encoder: {
      inputDim: 88,
      hidden: config.hidden,
      layers: config.layers,
      dropout: config.dropout,
      attentionWindow: config.attentionWindow,
      inputSkip: config.inputSkip,
      inputSkipGate: config.inputSkipGate,
    },
    estimator,
    ...(features.length > 0 ? { conditioning: { features } } : {}),
    seed: config.seed,
  });
}

/**
 * For a model with supplied conditioning (metric), a function giving each training sequence its
 * rows from its piece's own time signatures (registered with the sequence's bar length, for the
 * bar-aligned crops, which slice the rows along); the identity otherwise.
 */
function withSuppliedRows(model: SequenceModel, data: StyleData): (seq: SequenceData) => SequenceData {
  const spec = model.conditioning;
  if (!spec || !suppliedSpec(spec)) return (seq) => seq;
  return (seq) => {
    const roll = data.rolls.get(seq);
    if (!roll) throw new ConfigError('A training sequence has no piano roll to read its meter from.');
    const out = { ...seq, conditioning: rollConditioning(roll, spec) };
    const bar = data.barSteps.get(seq);
    if (bar !== undefined) data.barSteps.set(out, bar);
    return out;
  };
}

/** Training facts stored with a stage-1 model. */
type PretrainedFacts = { [key: string]: JsonValue } & { pretrain: { [key: string]: JsonValue } };

/** The stage-1 facts of a saved pre-trained-only model (to fine-tune it in a later process). */
async function pretrainedFacts(dir: string): Promise<PretrainedFacts> {
  const { model, metadata } = await SequenceModel.load(dir);
  model.dispose();
  return metadata.training as PretrainedFacts;
}

/** A stage's seconds from its stored facts. */
function stageSeconds(facts: { [key: string]: JsonValue }): number {
  return typeof facts.seconds === 'number' ? facts.seconds : 0;
}

/** Why a stage ended. */
function stopReason(result: TrainResult, epochs: number): string {
  if (result.stoppedEarly) return 'early stopping (validation patience ran out)';
  return result.epochsCompleted >= epochs ? 'epoch limit' : 'wall-clock safety budget';
}

/** Per-stage facts stored in the model metadata. */
function stageFacts(result: TrainResult, seconds: number, stage: StageConfig): { [key: string]: JsonValue } {
  return {
    epochsCompleted: result.epochsCompleted,
    stopReason: stopReason(result, stage.epochs),
    steps: result.steps,
    bestEpoch: result.bestEpoch,
    bestValidLossPerStep: result.bestValidLoss,
    stoppedEarly: result.stoppedEarly,
    seconds: Number(seconds.toFixed(1)),
    validCurve: result.history.checks.map((c) => [Number(c.epoch.toFixed(3)), Number(c.validLoss.toFixed(5))]),
    trainCurve: result.history.epochs.map((e) => [e.epoch + 1, Number(e.trainLoss.toFixed(5))]),
  };
}

/**
 * Two-stage training of the completion model: RNN-NADE (LSTM + attention over the last
 * `attentionWindow` states + NADE, 88 keys, eighth-note grid) is pre-trained on every non-Mozart
 * piece of the three piano sources, saved as the pre-trained-only model, then fine-tuned on the
 * classical-era part with a lower learning rate. Training crops start on bar lines (the state a
 * primer starts from); each stage stops early on its own validation split (cut to `validSteps`)
 * and keeps its best weights; `config.workers` training workers. The metadata records `stepsPerQuarter` (what
 * `rnn-nade complete` quantises primers to), both stages' curves and the command.
 *
 * @example
 * ```ts
 * await trainStyleModel(await loadStyleData(), STYLE_DEFAULTS, { modelDir: 'models/style-completion', pretrainedDir: 'models/style-completion/pretrained', runDir: '/tmp/style', command: 'npm run complete' });
 * ```
 */
export async function trainStyleModel(data: StyleData, config: StyleConfig, options: TrainStyleOptions): Promise<Record<string, JsonValue>> {
  const backend = await initBackend({ log: null });
  const model = options.fromPretrained ? (await SequenceModel.load(options.pretrainedDir)).model : createStyleModel(config);
  const cut = (seqs: SequenceData[]) => seqs.map((s) => (s.steps > config.validSteps ? sliceSequence(s, 0, config.validSteps) : s));
  const conditioned = withSuppliedRows(model, data);
  const runStage = async (name: string, stage: StageConfig, split: StageData) => {
    const started = performance.now();
    const result = await train(
      model,
      { train: split.train.map(conditioned), valid: cut(split.valid.map(conditioned)) },
      {
        epochs: stage.epochs,
        batchSize: config.batchSize,
        optimizer: { kind: 'adam' },
        learningRate: stage.lr,
        lrSchedule: stage.lrDecay === 1 ? { kind: 'constant' } : { kind: 'exponential', rate: stage.lrDecay },
        clipNorm: 5,
        earlyStopping: stage.patience > 0 ? { patience: stage.patience } : false,
        seed: config.seed,
        runDir: join(options.runDir, name),
        resume: options.resume ?? false,
        progress: options.progress ?? 'lines',
        augment: barAlignedCrop(stage.window, (seq) => data.barSteps.get(seq)),
        workers: config.workers,
        title: `style-completion ${name}`,
        logInfo: { command: options.command, stage: name },
        onEpochEnd: () => (stage.maxMinutes > 0 && (performance.now() - started) / 60_000 >= stage.maxMinutes ? 'stop' : undefined),
      },
    );
    return { result, seconds: (performance.now() - started) / 1000 };
  };
  try {
    const data0 = {
      low: 21,
      dim: 88,
      stepsPerQuarter: STYLE_STEPS_PER_QUARTER,
      heldOut: 'every Mozart piece; half of piano-midi-de-extra',
      license: 'trained on asap-scores (CC BY-NC-SA 4.0): non-commercial use only',
      counts: data.counts,
    };
    let pretrained: PretrainedFacts;
    if (options.fromPretrained) pretrained = await pretrainedFacts(options.pretrainedDir);
    else {
      const pre = await runStage('pretrain', config.pretrain, data.pretrain);
      if (pre.result.files) await copyFile(pre.result.files.lossCurve, join(options.runDir, 'loss-curve-pretrain.svg'));
      pretrained = {
        command: options.command,
        backend,
        seed: config.seed,
        config: config as unknown as JsonValue,
        pretrain: stageFacts(pre.result, pre.seconds, config.pretrain),
      };
      const dataset = 'classical-piano-midi + piano-midi-de-extra + asap-scores, no Mozart (pre-training only)';
      await model.save(options.pretrainedDir, { metadata: { data: { ...data0, dataset }, training: pretrained } });
    }
    const fine = await runStage('finetune', config.finetune, data.finetune);
    const metadata: Record<string, JsonValue> = {
      data: {
        ...data0,
        dataset: 'classical-piano-midi + piano-midi-de-extra + asap-scores, no Mozart -> classical era (Haydn, Clementi, Beethoven)',
      },
      training: {
        ...pretrained,
        finetune: stageFacts(fine.result, fine.seconds, config.finetune),
        seconds: Number((stageSeconds(pretrained.pretrain) + fine.seconds).toFixed(1)),
        finishedAt: new Date().toISOString(),
      },
    };
    await model.save(options.modelDir, { metadata });
    await mkdir(options.modelDir, { recursive: true });
    const preCurve = join(options.runDir, 'loss-curve-pretrain.svg'); // absent when stage 1 ran in another run dir
    if (existsSync(preCurve)) await copyFile(preCurve, join(options.modelDir, 'loss-curve-pretrain.svg'));
    if (fine.result.files) await copyFile(fine.result.files.lossCurve, join(options.modelDir, 'loss-curve-finetune.svg'));
    return metadata;
  } finally {
    model.dispose();
  }
}
