import { SequenceModel } from '@rnn-nade/core/node';
import { NearestWordDecoder } from '@rnn-nade/data-text/node';
import '@rnn-nade/estimator-rnade';
import { loadIndependentRnade } from './independent-rnade';
import type { LanguageData } from './language-data';
import { rankBigram, rankIndependent, rankSequenceModel, rankUnigram, samplePositions } from './next-word-eval';
import type { RankingScores } from './next-word-ranking';
import { countNgrams, fitBigramDiscount } from './ngram-baselines';
import { bigramOverlap, unigramSamples, type BigramOverlap } from './sample-overlap';

/** How many test positions and decoded samples the next-word evaluation uses (fixed seeds). */
export const NEXT_WORD_SETTINGS = {
  /** Random whole test sentences are taken until at least this many positions are covered. */
  maxPositions: 500,
  positionSeed: 1,
  /** Unprimed samples per model (seeds 1..count, T = 1), each this many words. */
  samples: 100,
  sampleLength: 12,
  /** Seed of the unigram samples. */
  unigramSeed: 1,
} as const;

/** A model to rank: a label and its directory (a sequence model, or the frame-independent RNADE). */
export interface RankedModel {
  readonly label: string;
  readonly dir: string;
  readonly kind: 'sequence' | 'independent';
}

/** Everything the next-word evaluation measured. */
export interface NextWordReport {
  /** Positions and sentences ranked (a seeded subsample of the split). */
  readonly positions: number;
  readonly sentences: number;
  /** Baselines on the same positions, and on every position of the split. */
  readonly unigram: RankingScores;
  readonly bigram: RankingScores;
  readonly unigramAll: RankingScores;
  readonly bigramAll: RankingScores;
  /** The bigram discount fitted on the held-out articles. */
  readonly bigramDiscount: number;
  /** Each model's ranking, in the order given. */
  readonly models: { readonly label: string; readonly scores: RankingScores; readonly seconds: number }[];
  /** Corpus bigram overlap of unigram samples and of each sequence model's decoded samples. */
  readonly overlap: { readonly unigram: BigramOverlap; readonly models: { readonly label: string; readonly overlap: BigramOverlap }[] };
}

/** Decoded unprimed samples of a saved sequence model, as word ids (seeds 1..count, T = 1). */
export async function modelSampleIds(model: SequenceModel, data: LanguageData, options: { count: number; length: number }): Promise<Int32Array[]> {
  const decoder = new NearestWordDecoder(data.vectors);
  const out: Int32Array[] = [];
  for (let seed = 1; seed <= options.count; seed++) {
    const seq = await model.sample({ steps: options.length, seed, temperature: 1 });
    out.push(Int32Array.from(decoder.decodeSequence(seq).words, (w) => data.vectors.index.get(w)!));
  }
  return out;
}

/**
 * The next-word evaluation of issue 15: on a seeded subsample of test positions (given the true
 * history) every model ranks all vocabulary vectors by its density; unigram and bigram baselines
 * (counts of the training text, bigram discount fitted on the held-out articles) rank the same
 * positions; then decoded samples' corpus bigram overlap beside unigram samples'.
 *
 * @example
 * ```ts
 * const r = await nextWordReport(data, [{ label: 'RNN-RNADE', dir: 'models/wikitext-rnn-rnade', kind: 'sequence' }]);
 * ```
 */
export async function nextWordReport(
  data: LanguageData,
  models: readonly RankedModel[],
  options: { maxPositions?: number; samples?: number; log?: (m: string) => void } = {},
): Promise<NextWordReport> {
  const S = NEXT_WORD_SETTINGS;
  const V = data.vectors.words.length;
  const counts = countNgrams(data.ids.train, V);
  const bigram = fitBigramDiscount(counts, data.ids.valid);
  const pick = samplePositions(data.ids.test, { maxPositions: options.maxPositions ?? S.maxPositions, seed: S.positionSeed });
  const ids = pick.sentences.map((i) => data.ids.test[i]!);
  const seqs = pick.sentences.map((i) => data.test[i]!);
  const ranked: NextWordReport['models'][number][] = [];
  const overlaps: { label: string; overlap: BigramOverlap }[] = [];
  for (const m of models) {
    options.log?.(`  next-word: ranking ${V} words at ${pick.positions} positions with ${m.label} ...`);
    const t0 = performance.now();
    if (m.kind === 'independent') {
      const { model } = await loadIndependentRnade(m.dir);
      try {
        ranked.push({ label: m.label, scores: rankIndependent(model, data.vectors, ids), seconds: (performance.now() - t0) / 1000 });
      } finally {
        model.dispose();
      }
      continue;
    }
    const { model } = await SequenceModel.load(m.dir);
    try {
      ranked.push({ label: m.label, scores: rankSequenceModel(model, data.vectors, seqs, ids), seconds: (performance.now() - t0) / 1000 });
      const samples = await modelSampleIds(model, data, { count: options.samples ?? S.samples, length: S.sampleLength });
      overlaps.push({ label: m.label, overlap: bigramOverlap(samples, counts) });
    } finally {
      model.dispose();
    }
  }
  const uniSamples = unigramSamples(counts, { count: options.samples ?? S.samples, length: S.sampleLength, seed: S.unigramSeed });
  return {
    positions: pick.positions,
    sentences: pick.sentences.length,
    unigram: rankUnigram(counts, ids),
    bigram: rankBigram(bigram, ids),
    unigramAll: rankUnigram(counts, data.ids.test),
    bigramAll: rankBigram(bigram, data.ids.test),
    bigramDiscount: bigram.discount,
    models: ranked,
    overlap: { unigram: bigramOverlap(uniSamples, counts), models: overlaps },
  };
}
