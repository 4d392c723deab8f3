import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SequenceModel, type TrainHistory } from '@rnn-nade/core/node';
import { NearestWordDecoder, type WordVectors } from '@rnn-nade/data-text/node';
import '@rnn-nade/estimator-rnade';
import { generateSentence, type GeneratedSentence } from './generate-sentences';
import { learningCurveSvg, type CurveSeries } from './learning-curve-svg';

/** The primers, seeds and temperatures of the recorded sample sentences. */
export const SAMPLE_REQUESTS: readonly { primer: string; seed: number; temperature: number }[] = [
  { primer: '', seed: 1, temperature: 1 },
  { primer: 'the', seed: 1, temperature: 1 },
  { primer: 'in the', seed: 1, temperature: 1 },
  { primer: 'in the', seed: 2, temperature: 0.5 },
  { primer: 'he was', seed: 3, temperature: 0.5 },
  { primer: 'the album', seed: 4, temperature: 0.5 },
];

/** Generates the {@link SAMPLE_REQUESTS} sentences (12 words each) from a saved model. */
export async function sampleSentences(
  modelDir: string,
  vectors: WordVectors,
  requests = SAMPLE_REQUESTS,
  steps = 12,
): Promise<(GeneratedSentence & { seed: number; temperature: number })[]> {
  const { model } = await SequenceModel.load(modelDir);
  const decoder = new NearestWordDecoder(vectors);
  try {
    const out: (GeneratedSentence & { seed: number; temperature: number })[] = [];
    for (const r of requests) {
      const s = await generateSentence(model, vectors, { primer: r.primer, steps, seed: r.seed, temperature: r.temperature }, decoder);
      out.push({ ...s, seed: r.seed, temperature: r.temperature });
    }
    return out;
  } finally {
    model.dispose();
  }
}

/**
 * The learning-curve picture (the seed paper's Figure 8) from the histories saved beside the
 * models: RNN-RNADE train and validation NLL per word vector, the frame-independent RNADE's, and
 * the diagonal Gaussian's validation NLL as a dashed line. When the RNN-RNADE was initialised from
 * the trained frame-independent RNADE (`training.pretrainEpochs` in its metadata), its curve starts
 * where that pre-training ended.
 */
export async function learningCurveFromModels(modelDir: string, gaussianValidNll: number, minSigma: number, options: { zoom?: boolean } = {}): Promise<string> {
  const rnn = JSON.parse(await readFile(join(modelDir, 'history.json'), 'utf8')) as TrainHistory;
  const meta = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as { metadata?: { training?: { pretrainEpochs?: number } } };
  const off = meta.metadata?.training?.pretrainEpochs ?? 0; // the RNN-RNADE continues from the pre-trained RNADE
  const indep = JSON.parse(await readFile(join(modelDir, 'independent-rnade', 'history.json'), 'utf8')) as {
    epoch: number;
    trainNll: number;
    validNll: number;
  }[];
  const series: CurveSeries[] = [
    { label: 'RNN-RNADE train', color: '#1f77b4', points: rnn.epochs.map((e) => [off + e.epoch + 1, e.trainLoss] as const) },
    { label: 'RNN-RNADE valid', color: '#d62728', points: rnn.checks.map((c) => [off + c.epoch, c.validLoss] as const) },
    { label: 'RNADE (no RNN) train', color: '#9467bd', dashed: true, points: indep.map((e) => [e.epoch + 1, e.trainNll] as const) },
    { label: 'RNADE (no RNN) valid', color: '#ff7f0e', dashed: true, points: indep.map((e) => [e.epoch + 1, e.validNll] as const) },
    { label: 'diag. Gaussian valid', color: '#2ca02c', constant: gaussianValidNll },
  ];
  if (options.zoom) {
    return learningCurveSvg(series, {
      title: `Zoom on epochs ${Math.max(0, off - 1)}+: RNN-RNADE vs the frame-independent RNADE (σ_min = ${minSigma})`,
      yLabel: 'NLL per word vector (nats)',
      xMin: Math.max(0, off - 1),
      constantsInRange: false,
    });
  }
  return learningCurveSvg(series, {
    title: `WikiText-2 in GloVe 50d: NLL per word vector (σ_min = ${minSigma})`,
    yLabel: 'NLL per word vector (nats)',
  });
}
