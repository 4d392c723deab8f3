/**
 * The next-word part of the language section (issue 15): the ranking table (models and n-gram
 * baselines on the same test positions), the targets with a plain verdict, and the corpus bigram
 * overlap of decoded samples. Pure: renders a {@link NextWordReport}.
 */
import type { NextWordReport } from '../../../examples/language-rnade/src/next-word-report';
import type { RankingScores } from '../../../examples/language-rnade/src/next-word-ranking';
import { code, markdownTable } from './markdown';

/** What each ranked model is (by label), shown beside its numbers. */
export type ModelNotes = Readonly<Record<string, string>>;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function row(label: string, what: string, s: RankingScores, all?: RankingScores): string[] {
  return [label, what, pct(s.top1), pct(s.top10), s.mrr.toFixed(3), all ? all.mrr.toFixed(3) : '—'];
}

/** The targets of issue 15 for the best model (highest MRR), each with its numbers and met / missed. */
export function nextWordVerdict(r: NextWordReport): string {
  const best = [...r.models].sort((a, b) => b.scores.mrr - a.scores.mrr)[0];
  if (!best) return '_No model was ranked._';
  const mrr = best.scores.mrr;
  const ratio = mrr / r.unigram.mrr;
  const overlap = r.overlap.models.find((m) => m.label === best.label)?.overlap.fraction;
  const lines = [
    `- MRR ≥ 1.3× unigram: ${best.label} ${mrr.toFixed(3)} = **${ratio.toFixed(2)}×** unigram (${r.unigram.mrr.toFixed(3)}): ${ratio >= 1.3 ? 'met' : '**missed**'}.`,
    `- MRR above bigram (${r.bigram.mrr.toFixed(3)}): ${mrr > r.bigram.mrr ? 'met' : `**missed** (${(mrr - r.bigram.mrr).toFixed(3)})`}.`,
    overlap === undefined
      ? "- Samples' corpus bigram overlap: not measured for this model."
      : `- Samples' corpus bigram overlap ≥ unigram samples' (${r.overlap.unigram.fraction.toFixed(3)}): ${overlap.toFixed(3)}, ${overlap >= r.overlap.unigram.fraction ? 'met' : '**missed**'}.`,
  ];
  return `Targets (issue 15), for the model with the best MRR (${best.label}):\n\n${lines.join('\n')}`;
}

/** One line per model that ranks below a baseline, with both MRRs (or that none does). */
export function whereModelsLose(r: NextWordReport): string {
  const out: string[] = [];
  for (const m of r.models) {
    const below = [
      m.scores.mrr < r.unigram.mrr ? `unigram (${r.unigram.mrr.toFixed(3)})` : '',
      m.scores.mrr < r.bigram.mrr ? `bigram (${r.bigram.mrr.toFixed(3)})` : '',
    ].filter(Boolean);
    if (below.length) out.push(`- ${m.label}: MRR ${m.scores.mrr.toFixed(3)}, below ${below.join(' and ')}.`);
    if (m.scores.top1 < r.bigram.top1 && !below.length) out.push(`- ${m.label}: top-1 ${pct(m.scores.top1)}, below the bigram's ${pct(r.bigram.top1)}.`);
  }
  return out.length ? `Where the models still lose to a baseline:\n\n${out.join('\n')}` : 'No model ranks below a baseline on these positions.';
}

/**
 * Markdown of the next-word evaluation: the ranking table, the verdict and the sample overlap.
 *
 * @example
 * ```ts
 * const md = renderNextWord(report, { 'RNN-RNADE': 'LSTM 100 → RNADE' }, 'npx tsx examples/language-rnade/scripts/next-word.ts');
 * ```
 */
export function renderNextWord(r: NextWordReport, notes: ModelNotes, command: string): string {
  const rows = [
    row('unigram', 'training-text frequencies (add-one)', r.unigram, r.unigramAll),
    row('bigram', `absolute discounting δ = ${r.bigramDiscount} (fit on the held-out articles), backoff to unigram`, r.bigram, r.bigramAll),
    ...r.models.map((m) => row(m.label, notes[m.label] ?? '', m.scores)),
  ];
  const table = markdownTable(['model', 'what', 'top-1', 'top-10', 'MRR', 'MRR, all test positions'], rows);
  const overlapRows = [
    ['unigram samples (words drawn independently by frequency)', r.overlap.unigram.fraction.toFixed(3), String(r.overlap.unigram.pairs)],
    ...r.overlap.models.map((m) => [`${m.label} samples (T = 1, decoded to the nearest word)`, m.overlap.fraction.toFixed(3), String(m.overlap.pairs)]),
  ];
  return `### Next-word prediction

At each test position, given the true history, every model ranks all ${'5,050'} vocabulary words by its density at the
word's vector (the n-grams by their probability); the true word's rank gives top-1, top-10 and the mean reciprocal rank
(ties share the mid-rank). Positions: **${r.positions}** words of ${r.sentences} test sentences drawn at random (fixed seed;
the RNADEs need a ${'5,050'}-row density per position, about a second each on one busy wasm core); the n-gram baselines are also
given on all ${r.unigramAll.positions.toLocaleString('en-US')} test positions, to show how representative the sample is. The n-gram counts come from the same
training text as the models.

${table}

${nextWordVerdict(r)}

${whereModelsLose(r)}

Corpus-likeness of samples: the fraction of adjacent generated word pairs that occur as a bigram in the training text
(unprimed samples of 12 words, seeds 1, 2, …, at T = 1; the unigram samples are as many, seed 1).

${markdownTable(['samples', 'corpus bigram overlap', 'pairs'], overlapRows)}

Reproduce: ${code(command)}.
`;
}
