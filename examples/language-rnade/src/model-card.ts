import type { CoverageStats } from '@rnn-nade/data-text/node';
import type { LanguageScores } from './evaluate-language';
import { LANGUAGE_EXPERIMENT as X } from './experiment-config';
import { formatSentence, type GeneratedSentence } from './generate-sentences';

/** Shell commands that reproduce the experiment (run from the repository root). */
export const LANGUAGE_COMMANDS = {
  report: 'npx tsx examples/language-rnade/scripts/report.ts',
  results: 'npm run results',
  resultsOnly: 'npm run results -- --only 40 --out /tmp/results-language.md',
  nextWord:
    "npx tsx examples/language-rnade/scripts/next-word.ts --model models/wikitext-rnn-rnade:RNN-RNADE --model 'models/wikitext-rnn-rnade/anchored-mixture:LSTM → anchored mixture' --model 'models/wikitext-rnn-rnade/anchored-softmax:LSTM → anchored mixture, learned logits' --independent models/wikitext-rnn-rnade/independent-rnade",
  sample: 'npx rnn-nade sample --model models/wikitext-rnn-rnade --vectors ../shared/data/glove-6b-50d-5k/glove.6B.50d.5k.txt --steps 12 --seed 1 --decode',
} as const;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The model card (README.md) of models/wikitext-rnn-rnade, from a fresh evaluation. */
export function modelCard(input: {
  modelJson: Record<string, unknown>;
  /** model.json of the frame-independent RNADE (its metadata holds its training command). */
  independentJson: Record<string, unknown>;
  scores: LanguageScores;
  samples: readonly (GeneratedSentence & { seed: number; temperature: number })[];
  stats: { train: CoverageStats; valid: CoverageStats; test: CoverageStats };
}): string {
  const { scores: s, stats, modelJson } = input;
  const meta = (modelJson.metadata ?? {}) as { training?: Record<string, unknown> };
  const tr = meta.training ?? {};
  const itr = ((input.independentJson.metadata ?? {}) as { training?: Record<string, unknown> }).training ?? {};
  const enc = JSON.stringify((modelJson.model as { encoder?: unknown } | undefined)?.encoder ?? {});
  const est = JSON.stringify((modelJson.estimator as { config?: unknown } | undefined)?.config ?? {});
  return `# wikitext-rnn-rnade

RNN-RNADE (LSTM → RNADE, the RNN setting the RNADE hidden bias per step${(modelJson.estimator as { config?: { conditionMixture?: boolean } } | undefined)?.config?.conditionMixture ? ' and offsets of the mixture biases (log-weights, means, log-scales)' : ''}) over sentences of
WikiText-2 as sequences of **GloVe 6B 50d** word vectors (5,050-word subset). Trained by
\`examples/language-rnade\`.

- Encoder: \`${enc}\`
- Estimator \`@rnn-nade/estimator-rnade>RNADE\`: \`${est}\`
- Data: train = WikiText-2 \`valid.txt\` minus every ${X.holdoutEvery}th article (${stats.train.sequences} sentences,
  ${stats.train.frames} word vectors); early stopping on those held-out articles (${stats.valid.sequences} sentences);
  test = \`test.txt\` (${stats.test.sequences} sentences, ${stats.test.frames} vectors). OOV policy \`${X.oov}\`
  (tokens missing from the 5,050 words, including WikiText's own \`<unk>\`, are dropped; token
  coverage train ${pct(stats.train.coverage)}, test ${pct(stats.test.coverage)}); no extra end-of-sentence
  vector (sentences end with the vector of ".").
- \`independent-rnade/\`: the frame-independent RNADE baseline (same H, K, σ_min; one learned constant params vector
  instead of the RNN), ${String(itr.epochs ?? '?')} epochs of Adam on shuffled frames (best at ${typeof itr.bestEpoch === 'number' ? itr.bestEpoch + 1 : '?'}),
  ${String(itr.seconds ?? '?')} s: \`${String(itr.command ?? '?')}\`
- RNN-RNADE training: ${
    tr.initEstimator
      ? `the RNADE is **pre-trained** (as the ICML 2012 paper pre-trains its RBM/NADE): its weights start
  as those of the frame-independent RNADE after its first ${String(tr.pretrainEpochs ?? '?')} epochs, the projection bias as its constant params
  (the projection kernel at a tenth of its random init), so training starts at the baseline's density and the LSTM adds the
  context (the baseline itself kept training afterwards, so both had the same number of epochs or the baseline more); then `
      : ''
  }${String(tr.epochsCompleted ?? '?')} epochs
  (best at epoch ${typeof tr.bestEpoch === 'number' ? tr.bestEpoch + 1 : '?'}), ${String(tr.steps ?? '?')} Adam updates, ${String(tr.seconds ?? '?')} s on \`${String(tr.backend ?? '?')}\`:
  \`${String(tr.command ?? '?')}\`

## Test NLL per word vector (nats, lower is better)

All three models use the same σ floor **σ_min = ${s.minSigma}** (RNADE's \`minSigma\`; the Gaussian's σ is floored at it too,
which does not bind). Word vectors are a discrete set of points, so the density of a frequent word can be made
very peaked: the numbers depend on σ_min and are only comparable at equal σ_min.

| model | test NLL / vector |
|---|---|
| diagonal Gaussian (fit on train) | ${s.gaussian.toFixed(3)} |
| RNADE, frame-independent | ${s.independentRnade.toFixed(3)} |
| **RNN-RNADE** | **${s.rnnRnade.toFixed(3)}** |

The RNN-RNADE is ${(s.independentRnade - s.rnnRnade).toFixed(3)} nats per vector better than the frame-independent RNADE
and ${(s.gaussian - s.rnnRnade).toFixed(1)} better than the Gaussian. Most of the RNADEs' advantage over the Gaussian is the
multi-modal density of single word vectors; the context (the RNN) adds the last ${(s.independentRnade - s.rnnRnade).toFixed(2)} nats.

Reproduce: \`${LANGUAGE_COMMANDS.report}\` (or \`${LANGUAGE_COMMANDS.results}\`). Learning curves:
\`docs/figures/language/learning-curve.svg\` and \`learning-curve-zoom.svg\`.

## Samples (12 words, decoded to the nearest word by cosine similarity, similarity in brackets)

Every sampled vector lands near a real word (high similarities), but the sentences are not grammatical: a small
model trained on ${Math.round(stats.train.frames / 1000)}k word vectors learns word frequencies and some local patterns (punctuation, function words).

${input.samples.map((x) => `- T = ${x.temperature}, seed ${x.seed}: ${formatSentence(x)}`).join('\n')}

\`\`\`sh
${LANGUAGE_COMMANDS.sample}
\`\`\`
`;
}
