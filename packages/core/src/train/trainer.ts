import * as tf from '@tensorflow/tfjs-core';
import type { DataSpec, SequenceData } from '../data/sequence';
import type { JsonValue } from '../estimator/contract';
import type { TensorData } from '../io/model-artifacts';
import { Rng } from '../util/rng';
import { createOptimizer } from './create-optimizer';
import { EarlyStopping } from './early-stopping';
import type { EpochRecord, TrainHistory, ValidationCheck } from './history';
import { lossCurveSvg } from './loss-curve-svg';
import { PlateauTracker } from './lr-plateau';
import { learningRateAt } from './lr-schedule';
import { CheckpointError } from './checkpoint-error';
import { ProgressReporter } from './progress';
import { checkFingerprint } from './run-state';
import { openRunDirSinks, type RunDirSinks, type TrainLogSink } from './run-sinks';
import { countFrames, type PaddedBatch } from '../model/batches';
import type { TrainOptions, TrainResult, TrainableModel } from './train-options';
import { resolveTrainOptions, type ResolvedTrainOptions } from './resolve-options';
import { DivergenceGuard } from './divergence';
import { validationLoss } from './train-step';
import { createStepRunner } from './step-runner';
import { withDerivedConditioning } from '../conditioning/lookback';

/** Training and validation sequences. */
export interface TrainData {
  /** Training sequences (shuffled every epoch). */
  readonly train: SequenceData[];
  /** Validation sequences for early stopping and best-weight selection (may be empty). */
  readonly valid: SequenceData[];
  /** What the frames mean (see `DatasetSplits.dataSpec`); copied onto a model that has none. */
  readonly dataSpec?: DataSpec;
}

export { RUN_FILES } from './run-files';

/**
 * Trains `model` by mini-batch gradient descent on the mean loss per frame, with gradient
 * clipping, learning-rate decay, validation and early stopping; restores the best validation
 * weights at the end. With `runDir` it writes a checkpoint after every epoch (atomically), a
 * JSON-lines log and a loss-curve SVG, and `resume: true` continues from the checkpoint with
 * results bit-identical to an uninterrupted run. `runDir` writes through the run-folder sinks
 * that `@rnn-nade/core/node` registers (see `RunDirSinks`); without `runDir` the same loop runs
 * anywhere (a browser, a Web Worker).
 *
 * A run folder is locked for the duration (`run.lock`, see `acquireRunLock`), and temporary
 * files killed runs left in it are removed. A resume may change the learning rate (reported in
 * the progress output and the log); every other option must match the checkpoint.
 *
 * @throws NonFiniteLossError when a training or validation loss or a gradient becomes
 * NaN/Infinity, DivergenceError when a loss exceeds the divergence bound (see
 * `DivergenceOptions`); in both cases the last checkpoint is kept and can be resumed with a lower
 * learning rate. ConfigError on invalid options; CheckpointError when a resume does not match
 * its checkpoint; RunLockError when another live process trains into the same folder.
 *
 * @example
 * ```ts
 * const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 150 }, estimator });
 * const result = await train(model, { train: splits.train, valid: splits.valid }, {
 *   epochs: 50, batchSize: 16, learningRate: 1e-3, earlyStopping: { patience: 5 }, runDir: 'runs/jsb', seed: 1,
 * });
 * console.log(result.bestValidLoss);
 * ```
 */
export async function train(model: TrainableModel, data: TrainData, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  const o = resolveTrainOptions(model, data, options);
  if (data.dataSpec !== undefined && 'dataSpec' in model && model.dataSpec === undefined) model.dataSpec = data.dataSpec;
  const progress = new ProgressReporter({ mode: o.progress, stream: options.progressStream, epochs: o.epochs });
  const sinks = o.runDir ? await openRunDirSinks(o.runDir, { lock: options.runLock, onMessage: (m) => progress.message(m) }) : null;
  try {
    return await runTraining(model, data, options, { o, progress, started, sinks });
  } finally {
    await sinks?.release();
  }
}

async function runTraining(
  model: TrainableModel,
  data: TrainData,
  options: TrainOptions,
  { o, progress, started, sinks }: { o: ResolvedTrainOptions; progress: ProgressReporter; started: number; sinks: RunDirSinks | null },
): Promise<TrainResult> {
  const files = sinks?.files ?? null;
  const optimizer = createOptimizer(o.optimizer);
  const stopping = o.earlyStopping && data.valid.length > 0 ? new EarlyStopping(o.earlyStopping) : null;
  const plateau = o.lrSchedule.kind === 'plateau' ? new PlateauTracker(o.lrSchedule, o.learningRate) : null;
  let rng = new Rng(o.seed);
  const history: { epochs: EpochRecord[]; checks: ValidationCheck[] } = { epochs: [], checks: [] };
  let step = 0;
  let epochsDone = 0;
  let bestValidLoss: number | null = null;
  let bestEpoch: number | null = null;
  let bestWeights: Record<string, TensorData> | null = null;
  let stopped = false;
  let resumedFromEpoch: number | null = null;
  let log: TrainLogSink | null = null;

  const saved = sinks && o.resume ? await sinks.loadState() : undefined;
  if (saved && files && sinks) {
    const changes = checkFingerprint(files.checkpoint, saved.fingerprint, o.fingerprint);
    model.setWeights(saved.weights);
    optimizer.setState(saved.optimizer);
    rng = Rng.fromState(saved.rng);
    if (stopping && saved.earlyStopping) stopping.setState(saved.earlyStopping);
    if (plateau) {
      if (!saved.lrPlateau) throw new CheckpointError(files.checkpoint, 'Cannot resume: the checkpoint holds no plateau learning-rate state');
      plateau.setState(saved.lrPlateau);
    }
    history.epochs.push(...saved.history.epochs);
    history.checks.push(...saved.history.checks);
    ({ step, epochsDone, bestValidLoss, bestEpoch, bestWeights, stopped } = saved);
    resumedFromEpoch = epochsDone;
    log = sinks.openLog({ truncateTo: saved.logBytes });
    log.append({ event: 'resume', epoch: epochsDone, step, changed: changes.map((c) => ({ ...c })) });
    progress.message(`resuming from ${files.checkpoint} after epoch ${epochsDone}`);
    for (const c of changes)
      progress.message(`resuming with ${c.key} ${JSON.stringify(c.current)} (the checkpoint was trained with ${JSON.stringify(c.saved)})`);
  } else if (sinks) {
    log = sinks.openLog({ fresh: true });
    log.append({ event: 'start', options: o.fingerprint, epochs: o.epochs, info: options.logInfo ?? {}, backend: tf.getBackend() });
    if (o.resume) progress.message(`no checkpoint in ${o.runDir}; starting a new run`);
  }

  const guard = new DivergenceGuard({
    rule: options.divergence ?? {},
    reference: saved?.referenceLoss ?? null,
    checkpoint: files?.checkpoint ?? null,
    learningRate: o.learningRate,
    onFailure: (code, message) => log?.append({ event: 'error', code, epochsDone, step, message }),
  });

  // validation in chunks (state carried, so the result does not depend on the chunk length) to bound memory on long pieces
  const validChunk = o.chunkSteps ?? 256;
  // lookback channels are derived from the frames (after augmentation, which may change them)
  const derive = (seqs: SequenceData[]): SequenceData[] => seqs.map((s) => withDerivedConditioning(o.conditioning, s));
  const derivedTrain = options.augment ? data.train : derive(data.train);
  const validBatches = data.valid.length > 0 ? o.batcher(derive(data.valid), { batchSize: o.validBatchSize, chunkSteps: validChunk }) : [];
  const validSeed = (o.seed ^ 0x5eed) >>> 0;
  let stopRequested = false;
  const runner = await createStepRunner(model, optimizer, {
    workers: options.workers,
    batchSize: o.batchSize,
    workerModules: options.workerModules,
    log: (m) => progress.message(m),
  });

  /** Runs one validation check; returns whether it improved. */
  const check = (epochPosition: number, epoch: number): { loss: number; improved: boolean } => {
    const loss = validationLoss(model, validBatches, validSeed);
    guard.checkValid(loss, { epoch, step, epochsDone });
    history.checks.push({ step, epoch: epochPosition, validLoss: loss });
    let improved = false;
    if (stopping) {
      const d = stopping.update(loss);
      improved = d.improved;
      if (d.stop) stopped = true;
    } else if (Number.isFinite(loss) && (bestValidLoss === null || loss < bestValidLoss)) {
      improved = true;
    }
    const lrChange = plateau?.update(loss);
    if (lrChange?.reduced) {
      log?.append({ event: 'lr', epoch: epochPosition, step, learningRate: lrChange.learningRate, reductions: plateau!.reductions });
      progress.message(`no validation improvement for ${plateau!.schedule.patience} checks: learning rate now ${lrChange.learningRate.toExponential(3)}`);
    }
    if (improved) {
      bestValidLoss = loss;
      bestEpoch = epoch;
      if (o.restoreBest) bestWeights = model.getWeights();
    }
    log?.append({ event: 'valid', epoch: epochPosition, step, validLoss: finiteOrNull(loss), improved });
    return { loss, improved };
  };

  try {
    for (let epoch = epochsDone; epoch < o.epochs && !stopped && !stopRequested; epoch++) {
      const t0 = performance.now();
      const trainSeqs = options.augment ? derive(options.augment(data.train, rng)) : derivedTrain;
      const batches: PaddedBatch[] = o.batcher(trainSeqs, { batchSize: o.batchSize, chunkSteps: o.chunkSteps, rng });
      let lossSum = 0;
      let frameSum = 0;
      let lr = o.learningRate;
      let validLoss: number | null = null;
      let improvedThisEpoch = false;
      let state: tf.Tensor[] | undefined;
      let interrupted = false;
      try {
        for (let b = 0; b < batches.length && !stopped && !stopRequested; b++) {
          const batch = batches[b]!;
          if (batch.reset && state) {
            tf.dispose(state);
            state = undefined;
          }
          if (countFrames(batch) === 0) continue;
          const clock = { epoch, step, epochProgress: epoch + b / batches.length, reductions: plateau?.reductions ?? 0 };
          lr = learningRateAt(o.learningRate, o.lrSchedule, clock);
          const out = await runner.step(batch, { rng, state, step, learningRate: lr, clipNorm: o.clipNorm });
          if (state) tf.dispose(state);
          state = out.finalState;
          const site = { epoch, batch: b, batches: batches.length, step, epochsDone };
          if (!out.applied && Number.isFinite(out.loss)) guard.nonFiniteGradient(out.gradNorm, site);
          guard.checkTrain(out.loss, site);
          step++;
          lossSum += out.loss * out.frames;
          frameSum += out.frames;
          progress.batch({ epoch, batch: b, batches: batches.length, loss: lossSum / frameSum, elapsed: (performance.now() - t0) / 1000 });
          const info = { epoch, batch: b, batches: batches.length, step, loss: out.loss, frames: out.frames, gradNorm: out.gradNorm, learningRate: lr };
          if ((await options.onBatchEnd?.(info)) === 'stop') {
            stopRequested = true;
            interrupted = b < batches.length - 1;
          }
          if (o.validateEvery && validBatches.length > 0 && step % o.validateEvery === 0) {
            const r = check(epoch + (b + 1) / batches.length, epoch);
            validLoss = r.loss;
            improvedThisEpoch ||= r.improved;
          }
        }
      } finally {
        if (state) tf.dispose(state);
      }
      if (interrupted) {
        // a partial epoch is neither recorded nor checkpointed: a resume redoes it exactly
        log?.append({ event: 'interrupted', epoch, step });
        break;
      }
      if (!o.validateEvery && validBatches.length > 0) {
        const r = check(epoch + 1, epoch);
        validLoss = r.loss;
        improvedThisEpoch = r.improved;
      }
      epochsDone = epoch + 1;
      const record: EpochRecord = {
        epoch,
        trainLoss: frameSum > 0 ? lossSum / frameSum : NaN,
        validLoss,
        learningRate: lr,
        steps: step,
        frames: frameSum,
        seconds: (performance.now() - t0) / 1000,
        improved: improvedThisEpoch,
      };
      history.epochs.push(record);
      progress.epoch(record, { best: bestValidLoss });
      if (stopped) progress.message(`early stopping: no improvement for ${stopping?.patience} validation checks`);
      if (log) log.append({ event: 'epoch', ...toJson(record), bestValidLoss, stopped });
      if (sinks && log) {
        await sinks.saveState({
          epochsDone,
          step,
          rng: rng.getState(),
          optimizer: optimizer.getState(),
          earlyStopping: stopping?.getState() ?? null,
          history,
          bestValidLoss,
          bestEpoch,
          stopped,
          logBytes: log.bytes,
          fingerprint: o.fingerprint,
          weights: model.getWeights(),
          bestWeights,
          referenceLoss: guard.reference,
          lrPlateau: plateau?.getState() ?? null,
        });
        await sinks.writeLossCurve(lossCurveSvg(history, { title: options.title ?? 'Training curve' }));
      }
      if ((await options.onEpochEnd?.({ ...record, bestValidLoss })) === 'stop') stopRequested = true;
    }
  } finally {
    optimizer.dispose();
    await runner.close();
  }

  if (o.restoreBest && bestWeights) model.setWeights(bestWeights);
  const seconds = (performance.now() - started) / 1000;
  log?.append({ event: 'end', epochsCompleted: epochsDone, steps: step, bestValidLoss, bestEpoch, stoppedEarly: stopped, seconds });
  const result: TrainResult = {
    history: history as TrainHistory,
    epochsCompleted: epochsDone,
    steps: step,
    bestValidLoss,
    bestEpoch,
    stoppedEarly: stopped,
    resumedFromEpoch,
    seconds,
    totalSeconds: history.epochs.reduce((a, e) => a + e.seconds, 0),
    files,
  };
  return result;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function toJson(record: EpochRecord): { [key: string]: JsonValue } {
  return { ...record, trainLoss: finiteOrNull(record.trainLoss), validLoss: record.validLoss === null ? null : finiteOrNull(record.validLoss) };
}
