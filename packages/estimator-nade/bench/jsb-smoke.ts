/**
 * End-to-end check of NADE inside the engine: trains a reference-size RNN-NADE (LSTM 150, NADE
 * hidden 100) on JSB Chorales (quarter) for a few epochs with the core trainer, evaluates the
 * test log-likelihood per step, and compares it with the note 1-gram baseline (−11.06): a real
 * model must beat the frame-independent baseline after a few epochs.
 *
 * Run: `npx tsx packages/estimator-nade/bench/jsb-smoke.ts [--epochs 5] [--seed 1] [--lr 1e-3] [--batch-size 16] [--init-scale 0.01]`
 * (reads `$RNN_NADE_DATA_DIR/jsb-chorales/jsb-chorales-quarter.json`, default ../shared/data).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SequenceModel, initBackend, noteOneGramBaseline, pitchesToSequence, train } from '@rnn-nade/core/node';
import { nade } from '@rnn-nade/estimator-nade';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const epochs = arg('epochs', 5);
  const seed = arg('seed', 1);
  const learningRate = arg('lr', 1e-3);
  const batchSize = arg('batch-size', 16);
  const initScale = arg('init-scale', 0.01);
  const backend = await initBackend();
  const dataDir = resolve(process.env.RNN_NADE_DATA_DIR ?? resolve(process.cwd(), '../shared/data'));
  const corpus = JSON.parse(readFileSync(join(dataDir, 'jsb-chorales', 'jsb-chorales-quarter.json'), 'utf8')) as Record<
    'train' | 'valid' | 'test',
    number[][][]
  >;
  const split = (s: number[][][]) => s.map((steps) => pitchesToSequence(steps));
  const data = { train: split(corpus.train), valid: split(corpus.valid), test: split(corpus.test) };
  const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 150 }, estimator: nade({ dim: 88, hidden: 100, seed, initScale }), seed });
  const t0 = performance.now();
  const result = await train(model, { train: data.train, valid: data.valid }, { epochs, batchSize, learningRate, seed, progress: 'lines' });
  const trainSeconds = (performance.now() - t0) / 1000;
  const test = await model.evaluate(data.test);
  const baseline = noteOneGramBaseline(data.train, data.test).logLikelihoodPerStep;
  console.log(
    JSON.stringify({
      backend,
      learningRate,
      batchSize,
      initScale,
      epochs: result.epochsCompleted,
      secondsPerEpoch: +(trainSeconds / result.epochsCompleted).toFixed(1),
      bestValidLoss: result.bestValidLoss,
      testLogLikelihoodPerStep: +test.logLikelihoodPerStep.toFixed(4),
      frames: test.frames,
      noteOneGram: +baseline.toFixed(4),
      beatsBaseline: test.logLikelihoodPerStep > baseline,
    }),
  );
  model.dispose();
}

void main();
