/**
 * Results section: expected frame accuracy beside the accuracies cited from ICML 2012 (JSB), with
 * both averages this library computes (pooled over the split; per sequence as Bay et al. 2009,
 * the definition ICML 2012 cites), re-evaluated from the committed `models/<corpus>-rnn-nade`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SequenceModel, type AccuracyAverages } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import type { ResultsContext } from '../context';
import { CITED_JSB_ACCURACY, CORPUS_TITLES, type PolyCorpus } from '../lib/icml-2012';
import { code, markdownTable, type Cell } from '../lib/markdown';

const CORPORA: readonly PolyCorpus[] = ['jsb', 'nottingham', 'piano-midi-de', 'musedata'];

const pct = (x: number): string => `${(100 * x).toFixed(2)} %`;

async function evaluateOurs(ctx: ResultsContext, corpus: PolyCorpus): Promise<AccuracyAverages | null> {
  const dir = join(ctx.modelsDir, `${corpus}-rnn-nade`);
  if (!existsSync(join(dir, 'model.json'))) return null;
  await import('@rnn-nade/estimator-nade');
  ctx.log(`  accuracy of models/${corpus}-rnn-nade on ${corpus} test ...`);
  const data = await loadCorpus(corpus, { dataDir: ctx.dataDir, download: false });
  const { model } = await SequenceModel.load(dir);
  try {
    return (await model.evaluate(data.test, { samples: ctx.accuracySamples, seed: 0 })).accuracies;
  } finally {
    model.dispose();
  }
}

/** Renders the accuracy comparison (markdown). */
export async function render(ctx: ResultsContext): Promise<string> {
  const cited: Cell[][] = CITED_JSB_ACCURACY.map((c) => [`${c.model} (cited)`, CORPUS_TITLES[c.corpus], pct(c.accuracy), '—', c.source]);
  const ours: Cell[][] = [];
  for (const corpus of CORPORA) {
    const acc = await evaluateOurs(ctx, corpus);
    const command = `npx rnn-nade eval --model models/${corpus}-rnn-nade --dataset ${corpus} --split test --samples ${ctx.accuracySamples} --seed 0 --accuracy per-sequence --json`;
    ours.push(
      acc
        ? [`**RNN-NADE (ours)**`, CORPUS_TITLES[corpus], pct(acc.perSequence), pct(acc.pooled), code(command)]
        : [`RNN-NADE (ours)`, CORPUS_TITLES[corpus], null, null, `models/${corpus}-rnn-nade is not committed`],
    );
  }
  const table = markdownTable(['model', 'corpus', 'accuracy, per sequence (Bay et al. 2009)', 'accuracy, pooled', 'source / command'], [...cited, ...ours]);
  return `## Expected frame accuracy beside ICML 2012

The accuracy of ICML 2012 (Boulanger-Lewandowski, Bengio & Vincent, Table 1) is the expected
frame-level accuracy of Bay, Ehmann & Downie (2009), TP / (TP + FP + FN), of frames drawn from the
model given the true history. Bay et al. (as MIREX's multiple-F0 evaluation and \`mir_eval.multipitch\`)
sum TP, FP and FN over the frames of one piece; \`--accuracy per-sequence\` then averages those
ratios over the pieces and the ${ctx.accuracySamples} sample(s) per frame. \`pooled\` (the library's default)
sums the counts over the whole split instead. ICML 2012's code is not public, so which of the two its
numbers used is not certain; both are shown. Only the JSB figures quoted in issue 14 are transcribed:
the other corpora's cited accuracies are still to be added (scripts/results/lib/icml-2012.ts).

${table}
`;
}
