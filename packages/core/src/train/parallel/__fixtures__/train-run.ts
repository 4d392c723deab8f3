/**
 * A training run for the kill -9 test: `node --import tsx train-run.ts RUN_DIR EPOCHS [--resume]` trains
 * a small model with 2 workers (dropout on, so the per-worker seeds matter) and checkpoints
 * every epoch in RUN_DIR.
 */
import { Rng, SequenceModel, getEstimatorFactory, initBackend, train, type SequenceData } from '@rnn-nade/core/node';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { PARALLEL_BERNOULLI } from './parallel-plugin';

const D = 10;
const [runDir, epochs, flag] = process.argv.slice(2);
await initBackend({ log: null, backend: 'wasm' });
const rng = new Rng(4);
const seqs: SequenceData[] = Array.from({ length: 16 }, () => {
  const steps = 6 + rng.int(14);
  const data = new Float32Array(steps * D);
  for (let i = 0; i < data.length; i++) data[i] = rng.next() < 0.3 ? 1 : 0;
  return { steps, dim: D, data };
});
const model = SequenceModel.create({
  encoder: { inputDim: D, hidden: 12, layers: 2, dropout: 0.2 },
  estimator: getEstimatorFactory(PARALLEL_BERNOULLI).fromConfig({ dim: D, seed: 3 }),
  seed: 5,
});
await train(
  model,
  { train: seqs.slice(0, 12), valid: seqs.slice(12) },
  {
    epochs: Number(epochs),
    batchSize: 4,
    chunkSteps: 7,
    learningRate: 0.01,
    seed: 2,
    progress: 'none',
    earlyStopping: false,
    workers: 2,
    workerModules: [pathToFileURL(join(import.meta.dirname, 'parallel-plugin.ts')).href],
    runDir: runDir!,
    resume: flag === '--resume',
  },
);
model.dispose();
