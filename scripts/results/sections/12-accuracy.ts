/**
 * Results section: expected frame accuracy beside the accuracies cited from ICML 2012 (JSB), with
 * ICML 2012's per-frame average first and the library's two other averages (pooled over the
 * split; per sequence as Bay et al. 2009) beside it, re-evaluated from the committed
 * `models/<corpus>-rnn-nade` (shared with the polyphonic section through the evaluation cache).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AccuracyAverages } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import type { ResultsContext } from '../context';
import { evaluateCommitted } from '../lib/evaluate-cached';
import { CITED_JSB_ACCURACY, CORPUS_TITLES, ICML_2012_ACCURACY_SOURCE, type PolyCorpus } from '../lib/icml-2012';
import { code, markdownTable, type Cell } from '../lib/markdown';

const CORPORA: readonly PolyCorpus[] = ['jsb', 'nottingham', 'piano-midi-de', 'musedata'];

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

async function evaluateOurs(ctx: ResultsContext, corpus: PolyCorpus): Promise<AccuracyAverages | null> {
  const dir = join(ctx.modelsDir, `${corpus}-rnn-nade`);
  if (!existsSync(join(dir, 'model.json'))) return null;
  await import('@rnn-nade/estimator-nade');
  ctx.log(`  accuracy of models/${corpus}-rnn-nade on ${corpus} test ...`);
  const data = await loadCorpus(corpus, { dataDir: ctx.dataDir, download: false });
  return (await evaluateCommitted(ctx, dir, data.test, { samples: ctx.accuracySamples, seed: 0 })).accuracies;
}

/** Renders the accuracy comparison (markdown). */
export async function render(ctx: ResultsContext): Promise<string> {
  const cited: Cell[][] = CITED_JSB_ACCURACY.map((c) => [`${c.model} (cited)`, CORPUS_TITLES[c.corpus], pct(c.accuracy), '—', '—', c.source]);
  const ours: Cell[][] = [];
  for (const corpus of CORPORA) {
    const acc = await evaluateOurs(ctx, corpus);
    const command = `npx rnn-nade eval --model models/${corpus}-rnn-nade --dataset ${corpus} --split test --samples ${ctx.accuracySamples} --seed 0 --accuracy per-frame --json`;
    ours.push(
      acc
        ? ['**RNN-NADE (ours)**', CORPUS_TITLES[corpus], pct(acc.perFrame), pct(acc.pooled), pct(acc.perSequence), code(command)]
        : ['RNN-NADE (ours)', CORPUS_TITLES[corpus], null, null, null, `models/${corpus}-rnn-nade is not committed`],
    );
  }
  const table = markdownTable(
    ['model', 'corpus', 'accuracy, per frame (ICML 2012)', 'pooled', 'per sequence (Bay et al. 2009)', 'source / command'],
    [...cited, ...ours],
  );
  return `## Expected frame accuracy beside ICML 2012

**Definition.** ICML 2012 (Boulanger-Lewandowski, Bengio & Vincent, Table 1) reports the expected
frame-level accuracy of Bay, Ehmann & Downie (2009), TP / (TP + FP + FN) between the true frame and
the model's prediction given the true history. How it is averaged is stated by the authors'
evaluation notes for the four benchmarks (${ICML_2012_ACCURACY_SOURCE}): "When computing the average
log-likelihood (and similarly for accuracy), make sure to weigh each time step in the test set
equally, i.e. gather [the values] for all time steps in all test sequences in a flat list, and
compute the average over that list." So each test frame gets its own ratio and the ratios are
averaged over every frame of the split — \`--accuracy per-frame\`, the first column. The prediction
is a draw from the model given the true history (its expectation estimated here with
${ctx.accuracySamples} sample(s) per frame, seed 0); a frame with nothing on in both the truth and
the draw counts 1. No public code of the authors that computes this accuracy could be found (the
RNN-RBM tutorial code derived from theirs trains and samples, and computes none), so the paper's
text and the authors' notes are the source.
\`pooled\` (ΣTP / Σ(TP+FP+FN) over the whole split, the library's default) and \`per sequence\`
(Bay et al.'s per-piece ratio, averaged over pieces) are shown beside it; they are different numbers.

**Cited numbers.** Only the JSB Chorales accuracies quoted in issue 14 are transcribed. ICML 2012's
Table 1 accuracy column for the other rows and for Nottingham, Piano-midi.de and MuseData could not
be read here: this machine has no network access, and the stored copies of the paper that could be
searched held its abstract, not its table. They are missing, not zero: add them to
\`scripts/results/lib/icml-2012.ts\` from the paper.

${table}
`;
}
