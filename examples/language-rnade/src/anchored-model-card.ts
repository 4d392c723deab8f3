import type { NextWordReport } from './next-word-report';
import { formatSentence, type GeneratedSentence } from './generate-sentences';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The next-word ranking table (models and n-gram baselines on the same positions) as markdown. */
export function nextWordTable(r: NextWordReport): string {
  const line = (label: string, s: { top1: number; top10: number; mrr: number }) => `| ${label} | ${pct(s.top1)} | ${pct(s.top10)} | ${s.mrr.toFixed(3)} |`;
  return [
    `Next word on ${r.positions} random test positions (${r.sentences} sentences, seed 1), all 5,050 words ranked by density:`,
    '',
    '| model | top-1 | top-10 | MRR |',
    '|---|---|---|---|',
    line('unigram (training text)', r.unigram),
    line(`bigram (absolute discounting δ = ${r.bigramDiscount})`, r.bigram),
    ...r.models.map((m) => line(m.label, m.scores)),
    '',
    `Corpus bigram overlap of decoded samples: unigram samples ${r.overlap.unigram.fraction.toFixed(3)}; ${r.overlap.models
      .map((m) => `${m.label} ${m.overlap.fraction.toFixed(3)}`)
      .join('; ')} (${r.overlap.unigram.pairs} adjacent pairs each).`,
  ].join('\n');
}

/** Where each model still loses to a baseline (MRR), or that none does. */
function losses(r: NextWordReport): string {
  const out = r.models.flatMap((m) => {
    const below = [m.scores.mrr < r.unigram.mrr ? 'the unigram' : '', m.scores.mrr < r.bigram.mrr ? 'the bigram' : ''].filter(Boolean);
    return below.length ? [`${m.label} (MRR ${m.scores.mrr.toFixed(3)}) still loses to ${below.join(' and ')}.`] : [];
  });
  return out.length ? `**Where it still loses:** ${out.join(' ')}` : 'Every model ranks above both n-gram baselines on these positions.';
}

/** The model card (README.md) of an anchored-mixture next-word model (e.g. models/wikitext-rnn-rnade/anchored-mixture). */
export function anchoredModelCard(input: {
  /** The model folder relative to the repository root (default `models/wikitext-rnn-rnade/anchored-mixture`). */
  name?: string;
  modelJson: Record<string, unknown>;
  report: NextWordReport;
  samples: readonly (GeneratedSentence & { seed: number; temperature: number })[];
  command: string;
  /** The saved training history (its epochs' seconds add up to the training time, also across resumes). */
  history?: { epochs: readonly { seconds: number }[] };
  /** A remark on how the run went (e.g. stopped early for time), printed under the training line. */
  note?: string;
}): string {
  const meta = (input.modelJson.metadata ?? {}) as { training?: Record<string, unknown> };
  const tr = meta.training ?? {};
  const enc = JSON.stringify((input.modelJson.model as { encoder?: unknown } | undefined)?.encoder ?? {});
  const est = JSON.stringify((input.modelJson.estimator as { config?: unknown } | undefined)?.config ?? {});
  const seconds = input.history ? input.history.epochs.reduce((a, e) => a + e.seconds, 0).toFixed(0) : String(tr.seconds ?? '?');
  const validNll = typeof tr.bestValidLossPerStep === 'number' ? tr.bestValidLossPerStep : NaN;
  const sigma = Number((input.modelJson.estimator as { config?: { sigma?: number } } | undefined)?.config?.sigma ?? 0.1);
  const logPeak = -50 * Math.log(sigma) - 25 * Math.log(2 * Math.PI); // log N(0; 0, σ² I) in 50-d
  const queryDim = (input.modelJson.estimator as { config?: { queryDim?: number } } | undefined)?.config?.queryDim;
  const logits = queryDim
    ? `softmax(b + E q_t) with q_t the LSTM's projection and E a learned ${'5,050'} × ${queryDim} output embedding (\`queryDim\`)`
    : "softmax(b + V q_t) with q_t the LSTM's projection and V the frozen word vectors";
  const ranking = queryDim
    ? 'a softmax language model over the vocabulary (its own output embedding), while the density stays one over vectors'
    : 'a log-bilinear softmax language model over the frozen GloVe vectors';
  return `# ${(input.name ?? 'models/wikitext-rnn-rnade/anchored-mixture').replace(/^models\//, '')}

The next-word model of the language experiment: an LSTM over WikiText-2 sentences as GloVe 6B 50d vectors (the same
data and split as the RNN-RNADE one folder up) whose output density is a **mixture of 5,050 isotropic Gaussians, one at
each vocabulary vector** (σ = 0.1, the experiment's σ_min), weights ${logits}
(\`@rnn-nade/estimator-rnade>AnchoredMixture\`). Its density at a word vector is that word's weight times a constant,
so ranking the vocabulary by density is ${ranking}; the
bias b starts at the training text's unigram log-frequencies and the projection near zero, so training starts at the
unigram model and the LSTM adds the context.

- Encoder: \`${enc}\`
- Estimator: \`${est}\`
- Training: ${String(tr.epochsCompleted ?? '?')} epochs (best at ${typeof tr.bestEpoch === 'number' ? tr.bestEpoch + 1 : '?'}), ${String(tr.steps ?? '?')} Adam updates, ${seconds} s on
  \`${String(tr.backend ?? '?')}\`, ${tr.stoppedEarly ? 'stopped by early stopping on the held-out articles' : 'keeping the best held-out check, not stopped by early stopping'}: \`${String(tr.command ?? '?')}\`${input.note ? `\n  ${input.note}` : ''}
- Held-out NLL per word vector ${validNll.toFixed(3)} nats (σ = 0.1), i.e. a cross-entropy over the vocabulary of
  ${(validNll + logPeak).toFixed(3)} nats per word (the density at a word is π_w · (2πσ²)^-25 = π_w · e^${logPeak.toFixed(3)}).

## Next-word prediction

${nextWordTable(input.report)}

${losses(input.report)}

Reproduce: \`${input.command}\`.

## Samples (12 words, decoded to the nearest word)

${input.samples.map((x) => `- T = ${x.temperature}, seed ${x.seed}: ${formatSentence(x)}`).join('\n')}
`;
}
