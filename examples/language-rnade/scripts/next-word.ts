/**
 * Next-word evaluation (issue 15): ranks all 5,050 vocabulary vectors by each model's density at
 * random test positions given the true history (top-1, top-10, MRR), beside unigram and bigram
 * baselines fitted on the same training text, and the corpus bigram overlap of decoded samples
 * beside unigram samples'. Prints a JSON line per model and a summary.
 *
 *   npx tsx examples/language-rnade/scripts/next-word.ts [--model DIR[:label]]... [--independent DIR]
 *     [--max-positions 3000] [--samples 100]
 *
 * Without --model: the committed models/wikitext-rnn-rnade and its independent-rnade/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, installProcessErrorHandlers } from '@rnn-nade/core/node';
import { OUTPUTS, REPO_ROOT } from '../src/experiment-config';
import { loadLanguageData } from '../src/language-data';
import { nextWordReport, type RankedModel } from '../src/next-word-report';

installProcessErrorHandlers({ name: 'language-rnade next-word' });

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    independent: { type: 'string' },
    'max-positions': { type: 'string' },
    samples: { type: 'string' },
  },
});
const backend = await initBackend();
const data = await loadLanguageData();
const models: RankedModel[] = [];
const indep = values.independent ?? (values.model ? undefined : OUTPUTS.independent);
if (indep) models.push({ label: 'RNADE, frame-independent', dir: resolve(REPO_ROOT, indep), kind: 'independent' });
for (const spec of values.model ?? [OUTPUTS.model]) {
  const [dir, label] = spec.split(':');
  models.push({ label: label ?? dir!, dir: resolve(REPO_ROOT, dir!), kind: 'sequence' });
}
const t0 = performance.now();
const r = await nextWordReport(data, models, {
  ...(values['max-positions'] ? { maxPositions: Number(values['max-positions']) } : {}),
  ...(values.samples ? { samples: Number(values.samples) } : {}),
  log: (m) => console.log(m),
});
const fmt = (s: { top1: number; top10: number; mrr: number }) =>
  `top-1 ${(100 * s.top1).toFixed(1)}%  top-10 ${(100 * s.top10).toFixed(1)}%  MRR ${s.mrr.toFixed(3)}`;
console.log(
  `next word on ${r.positions} test positions (${r.sentences} random sentences), backend ${backend}, ${((performance.now() - t0) / 1000).toFixed(0)} s:`,
);
console.log(`  unigram                  ${fmt(r.unigram)}   (all ${r.unigramAll.positions} positions: ${fmt(r.unigramAll)})`);
console.log(`  bigram (δ = ${r.bigramDiscount})       ${fmt(r.bigram)}   (all positions: ${fmt(r.bigramAll)})`);
for (const m of r.models) console.log(`  ${m.label.padEnd(24)} ${fmt(m.scores)}   (${m.seconds.toFixed(0)} s)`);
console.log(`corpus bigram overlap of ${r.overlap.unigram.pairs} adjacent sample pairs: unigram samples ${r.overlap.unigram.fraction.toFixed(3)}`);
for (const m of r.overlap.models) console.log(`  ${m.label.padEnd(24)} ${m.overlap.fraction.toFixed(3)}`);
console.log(JSON.stringify(r));
