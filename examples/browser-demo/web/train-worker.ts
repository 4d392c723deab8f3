/// <reference lib="webworker" />
/**
 * The training worker of the "train in your browser" page: builds an RNN-NADE, trains it on the
 * dropped MIDI files with `train()` from `@rnn-nade/core` (posting every batch and epoch), then
 * samples from it and saves it to IndexedDB on request. All tfjs work happens here, so the page
 * stays responsive; `stop` ends training after the current batch.
 */
import { SequenceModel, getEstimatorFactory, lossCurveSvg, sequenceToPitches, train, type EpochRecord, type ValidationCheck } from '@rnn-nade/core';
import '@rnn-nade/estimator-nade';
import type { FromWorker, ToWorker, TrainSettings } from '../src/train-protocol';
import { buildTrainingSet, type DroppedFile } from '../src/training-set';
import { pickBackend } from './pick-backend';
import { loadFromIndexedDb, saveToIndexedDb } from './model-store';
import { dataSpec } from '../src/chorale';

let model: SequenceModel | undefined;
let spec = { low: 21, stepsPerQuarter: 2 };
let stopRequested = false;
let trainingInfo: Record<string, number | string | null> = {};

const post = (message: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
const frames = (seqs: { steps: number }[]) => seqs.reduce((n, s) => n + s.steps, 0);
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function runTraining(files: DroppedFile[], settings: TrainSettings): Promise<void> {
  const started = performance.now();
  const backend = await pickBackend(settings.backend);
  const set = buildTrainingSet(files, { stepsPerQuarter: settings.stepsPerQuarter });
  post({
    type: 'data',
    used: set.used,
    skipped: set.skipped,
    trainFrames: frames(set.train),
    validFrames: frames(set.valid),
    backend: backend.note ? `${backend.name} (${backend.note})` : backend.name,
  });
  if (set.train.length === 0) throw new Error('None of the dropped files could be used: drop MIDI files with pitched notes.');
  model?.dispose();
  spec = { low: set.low, stepsPerQuarter: set.stepsPerQuarter };
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: set.dim, hidden: settings.nadeHidden });
  model = SequenceModel.create({ encoder: { inputDim: set.dim, hidden: settings.hidden }, estimator, seed: settings.seed });
  stopRequested = false;
  const history: { epochs: EpochRecord[]; checks: ValidationCheck[] } = { epochs: [], checks: [] };
  const result = await train(
    model,
    { train: set.train, valid: set.valid },
    {
      epochs: settings.epochs,
      batchSize: 8,
      chunkSteps: 64,
      learningRate: settings.learningRate,
      earlyStopping: { patience: 5 },
      seed: settings.seed,
      progress: 'none',
      workers: 1, // this page already trains in a Web Worker; the worker-thread pool is Node-only
      onBatchEnd: async (info) => {
        post({ type: 'batch', epoch: info.epoch, batch: info.batch, batches: info.batches, loss: info.loss });
        await yieldToMessages(); // lets a 'stop' message in
        return stopRequested ? 'stop' : undefined;
      },
      onEpochEnd: (info) => {
        history.epochs.push(info);
        if (info.validLoss !== null) history.checks.push({ step: info.steps, epoch: info.epoch + 1, validLoss: info.validLoss });
        post({ type: 'epoch', epoch: info.epoch, history, curveSvg: lossCurveSvg(history, { title: 'Training curve (nats per step)' }) });
        return stopRequested ? 'stop' : undefined;
      },
    },
  );
  const stoppedBy = stopRequested ? 'user' : result.epochsCompleted < settings.epochs ? 'early stopping' : 'epoch limit';
  trainingInfo = { backend: backend.name, epochs: result.epochsCompleted, bestValidLossPerStep: result.bestValidLoss, files: set.used.length };
  post({ type: 'trained', epochs: result.epochsCompleted, bestValidLoss: result.bestValidLoss, stoppedBy, seconds: (performance.now() - started) / 1000 });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'stop':
      stopRequested = true;
      return;
    case 'train':
      return runTraining(message.files, message.settings);
    case 'sample': {
      if (!model) throw new Error('Train a model first.');
      const seq = await model.sample({ steps: message.steps, temperature: message.temperature, seed: message.seed });
      post({ type: 'sampled', steps: sequenceToPitches(seq, { low: spec.low, high: spec.low + seq.dim - 1 }), stepsPerQuarter: spec.stepsPerQuarter });
      return;
    }
    case 'save': {
      if (!model) throw new Error('Train a model first.');
      const bytes = await saveToIndexedDb(model, message.name, {
        data: { low: spec.low, dim: 88, stepsPerQuarter: spec.stepsPerQuarter },
        training: trainingInfo,
      });
      post({ type: 'saved', name: message.name, bytes });
      return;
    }
    case 'load': {
      await pickBackend(message.backend);
      const loaded = await loadFromIndexedDb(message.name);
      if (loaded) {
        model?.dispose();
        model = loaded.model;
        spec = dataSpec(loaded.metadata);
      }
      const enc = loaded?.model.encoderConfig;
      post({
        type: 'loaded',
        name: message.name,
        found: loaded !== undefined,
        description: enc ? `LSTM ${enc.hidden} → ${loaded.model.estimator.className}` : '',
      });
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};
