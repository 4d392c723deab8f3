import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SequenceModel, getEstimatorFactory, initBackend, train, type JsonValue, type TrainResult } from '@rnn-nade/core/node';
import '@rnn-nade/estimator-nade';
import { DRUM_DECODING, type DrumRunConfig } from './drum-config';
import { samplingMetadata, type GrooveDecoding } from './groove-decode';
import { drumDataSpec } from '@rnn-nade/data-midi/node';
import { DRUM_CONDITIONING, DRUM_STEPS_PER_QUARTER, type GrooveData } from './groove-data';
import { barAlignedWindows } from './groove-windows';

/** Where a drum run writes and how it reports. */
export interface TrainDrumsOptions {
  /** The saved model (best validation weights) + loss curve + log. */
  readonly modelDir: string;
  /** Scratch directory for the trainer's checkpoint (not committed). */
  readonly runDir: string;
  /** The command line that reproduces the run (stored in the model metadata). */
  readonly command: string;
  /** Continue the checkpoint in `runDir`. */
  readonly resume?: boolean;
  /** Trainer progress output (default `'lines'`). */
  readonly progress?: 'auto' | 'lines' | 'none';
  /**
   * The decoding of unprimed grooves the results are measured with, stored as metadata
   * `sampling` so `rnn-nade sample` draws the same way (default {@link DRUM_DECODING}).
   */
  readonly decoding?: GrooveDecoding;
}

/** What {@link trainDrums} returns. */
export interface TrainDrumsResult {
  /** The trainer's result (history = the validation curve). */
  readonly result: TrainResult;
  /** Metadata stored in `model.json`. */
  readonly metadata: Record<string, JsonValue>;
}

/**
 * Trains RNN-NADE (LSTM + NADE over the 9 drum classes, attention over the last
 * `attentionWindow` steps, conditioned on metric position and the beat / fill label) on Groove
 * MIDI's 4/4 train split with Adam, per-epoch learning-rate decay, bar-aligned windows of
 * `windowBars` bars covering every bar of every performance each epoch, early stopping on the
 * valid split (best weights restored), one worker and a wall-clock budget; saves the model with
 * its data spec (grid, GM drum notes per column, MIDI channel 10), its sampling decoding
 * (`sampling: { temperature, candidates }`, read by `rnn-nade sample`) and training facts.
 *
 * @example
 * ```ts
 * const { result } = await trainDrums(await loadGrooveData({ conditioning: DRUM_CONDITIONING }), resolveDrumConfig(), { modelDir: 'models/groove-drums', runDir: '/tmp/drums', command: 'npm run drums' });
 * ```
 */
export async function trainDrums(data: GrooveData, config: DrumRunConfig, options: TrainDrumsOptions): Promise<TrainDrumsResult> {
  const dim = data.corpus.dim;
  const backend = await initBackend({ log: null });
  const estimator = getEstimatorFactory('nade').fromConfig({ dim, hidden: config.nadeHidden, seed: config.seed });
  const encoder = { inputDim: dim, hidden: config.hidden, layers: config.layers, dropout: config.dropout, attentionWindow: config.attentionWindow };
  const conditioning = config.conditioned ? DRUM_CONDITIONING : undefined;
  const model = SequenceModel.create({ encoder, estimator, seed: config.seed, conditioning });
  const strip = (rolls: GrooveData['train']['rolls']) => (conditioning ? rolls : rolls.map(({ steps, dim: d, data: x }) => ({ steps, dim: d, data: x })));
  const started = performance.now();
  try {
    const result = await train(
      model,
      { train: strip(data.train.rolls), valid: strip(data.valid.rolls) },
      {
        epochs: config.epochs,
        batchSize: config.batchSize,
        optimizer: { kind: 'adam' },
        learningRate: config.lr,
        lrSchedule: config.lrDecay === 1 ? { kind: 'constant' } : { kind: 'exponential', rate: config.lrDecay },
        clipNorm: 5,
        earlyStopping: config.patience > 0 ? { patience: config.patience } : false,
        seed: config.seed,
        runDir: options.runDir,
        resume: options.resume,
        progress: options.progress ?? 'lines',
        augment: barAlignedWindows({ windowBars: config.windowBars, maxWindows: config.maxWindows }),
        workers: 1,
        title: 'RNN-NADE on Groove MIDI (9 drum classes, 16th notes): validation curve',
        logInfo: { command: options.command, config: config as unknown as JsonValue },
        onEpochEnd: () => {
          const minutes = (performance.now() - started) / 60_000;
          return config.maxMinutes > 0 && minutes >= config.maxMinutes ? 'stop' : undefined;
        },
      },
    );
    const metadata: Record<string, JsonValue> = {
      data: {
        ...drumDataSpec(DRUM_STEPS_PER_QUARTER),
        dataset: 'groove-midi',
        source: 'Groove MIDI Dataset v1.0.0 (Magenta), info.csv split, 4/4 performances',
        sequences: { train: data.train.rolls.length, valid: data.valid.rolls.length, test: data.test.rolls.length },
      },
      sampling: samplingMetadata(options.decoding ?? DRUM_DECODING),
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
        validCurve: result.history.checks.map((c) => [Number(c.epoch.toFixed(3)), Number(c.validLoss.toFixed(5))]),
        trainCurve: result.history.epochs.map((e) => [e.epoch + 1, Number(e.trainLoss.toFixed(5))]),
        finishedAt: new Date().toISOString(),
      },
    };
    await model.save(options.modelDir, { metadata });
    await mkdir(options.modelDir, { recursive: true });
    if (result.files) await copyFile(result.files.lossCurve, join(options.modelDir, 'loss-curve.svg'));
    return { result, metadata };
  } finally {
    model.dispose();
  }
}
