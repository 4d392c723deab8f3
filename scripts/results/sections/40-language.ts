/**
 * Results section: the language experiment (issue 7). Re-evaluates the committed
 * `models/wikitext-rnn-rnade` (RNN-RNADE) and its frame-independent RNADE baseline on WikiText-2
 * test.txt, refits the diagonal Gaussian on train, redraws the learning curve from the saved
 * histories and samples decoded sentences with fixed seeds.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagonalGaussianNll, fitDiagonalGaussian } from '../../../examples/language-rnade/src/diagonal-gaussian';
import { scoreLanguageModels } from '../../../examples/language-rnade/src/evaluate-language';
import { ANCHORED_MODELS, LANGUAGE_EXPERIMENT as X } from '../../../examples/language-rnade/src/experiment-config';
import { loadLanguageData } from '../../../examples/language-rnade/src/language-data';
import { SAMPLE_REQUESTS, learningCurveFromModels, sampleSentences } from '../../../examples/language-rnade/src/language-report';
import { LANGUAGE_COMMANDS } from '../../../examples/language-rnade/src/model-card';
import { nextWordReport, type RankedModel } from '../../../examples/language-rnade/src/next-word-report';
import { renderNextWord } from '../lib/language-next-word';
import type { ResultsContext } from '../context';
import { code, formatDuration, markdownTable } from '../lib/markdown';

/** The training facts the section reads from the models' metadata. */
interface TrainingFacts {
  readonly command?: string;
  readonly seconds?: number;
  readonly epochsCompleted?: number;
  readonly epochs?: number;
  readonly bestEpoch?: number;
  readonly initEstimator?: string | null;
  readonly pretrainEpochs?: number;
}

/** How long each model trained, and from what (so the budgets can be compared). */
function trainingBudget(tr: TrainingFacts, itr: TrainingFacts): string {
  const best = (b: number | undefined) => (typeof b === 'number' ? String(b + 1) : '?');
  const base = `The frame-independent RNADE trained for ${itr.epochs ?? '?'} epochs in all (best at ${best(itr.bestEpoch)}, ${formatDuration(itr.seconds)}).`;
  if (!tr.initEstimator) {
    return `${base} The RNN-RNADE trained from scratch for ${tr.epochsCompleted ?? '?'} epochs (best at ${best(tr.bestEpoch)}, ${formatDuration(tr.seconds)}).`;
  }
  const pre = tr.pretrainEpochs ?? 0;
  const total = pre + (tr.epochsCompleted ?? 0);
  return `${base} The RNN-RNADE's RNADE is **pre-trained** (as ICML 2012 pre-trains its RBM/NADE): it starts from the frame-independent
RNADE after its first ${pre} epochs (estimator weights copied, projection bias = the constant params, projection kernel scaled
by 0.1), then trains ${tr.epochsCompleted ?? '?'} more epochs with the LSTM (best at ${best(tr.bestEpoch)}, ${formatDuration(tr.seconds)}): ${total} epochs in all,
${total <= (itr.epochs ?? 0) ? 'no more than the baseline, which continued training after the RNN-RNADE branched off' : '**more than the baseline**'}. Both
keep their best epoch on the held-out articles (early stopping)${itr.bestEpoch !== undefined && itr.bestEpoch + 1 === itr.epochs ? '; the baseline was still improving slowly at its last epoch (see the zoomed curve)' : ''}.`;
}

/** What each ranked model is, shown in the next-word table. */
const NEXT_WORD_NOTES = {
  'RNADE, frame-independent': 'RNADE H 64, K 2, one constant params vector (no context)',
  'RNN-RNADE': 'LSTM 100 → RNADE H 64, K 2 (the NLL model above; hidden and mixture biases set per step)',
  'LSTM → anchored mixture':
    'LSTM 100 → mixture of 5,050 Gaussians (σ = 0.1), one at each vocabulary vector, weights softmax(b + V q_t): models/wikitext-rnn-rnade/anchored-mixture',
  'LSTM → anchored mixture, learned logits':
    'LSTM 256 (dropout 0.3) → the same 5,050 Gaussians, weights softmax(b + E q_t) with E a learned 5,050 × 256 output embedding (`queryDim`): models/wikitext-rnn-rnade/anchored-softmax',
} as const;

/** How the context model was found: what each row of the next-word table tries, and what was not tried. */
const ATTEMPTS = `Each model row of the next-word table is one attempt at making the density use the context, cheapest first:
the RNN-RNADE as committed for issue 7 (its ranking is barely above the frame-independent RNADE's: with K = 2 components
per dimension the density follows the smooth cloud of word vectors, and which of two nearby words gets the higher density
hardly depends on the history); then the density that ranks words by construction: one Gaussian of width σ_min per
vocabulary vector, the LSTM setting the weights (a softmax whose logits are bilinear in the GloVe vectors, bias started at
the unigram); then the same mixture with a bigger LSTM and logits from a learned output embedding instead of the frozen
50-d GloVe vectors (a full softmax language model over the vocabulary, whose components still sit at the word vectors, so
it remains a density over vectors). Not tried (CPU: epochs of 10–26 min on one shared wasm core): unit-norm vectors, more
RNADE components, sparse binary codes + NADE, a von Mises-Fisher output, a ranking loss.`;

/** How each anchored next-word model was trained, from its model.json: epochs, best epoch, why it stopped, wall time, command. */
async function anchoredTraining(models: readonly RankedModel[]): Promise<string> {
  const lines: string[] = [];
  for (const m of models) {
    const json = JSON.parse(await readFile(join(m.dir, 'model.json'), 'utf8')) as { metadata?: { training?: TrainingFacts & { stoppedEarly?: boolean } } };
    const tr = json.metadata?.training ?? {};
    const unconverged =
      tr.bestEpoch !== undefined && tr.bestEpoch + 1 === tr.epochsCompleted ? '; its best check came in its last epoch, so it had not converged' : '';
    const stop = tr.stoppedEarly ? 'early stopping on the held-out articles' : `its epoch limit, set for time (not early stopping${unconverged})`;
    lines.push(
      `- ${m.label}: ${tr.epochsCompleted ?? '?'} epochs (best check in epoch ${tr.bestEpoch === undefined ? '?' : tr.bestEpoch + 1}), stopped by ${stop}, ${formatDuration(tr.seconds)}; ${code(tr.command ?? '?')}`,
    );
  }
  return lines.length ? `Training of the anchored models:\n\n${lines.join('\n')}` : '';
}

/** Renders the "Language in word-vector space" section. */
export async function render(ctx: ResultsContext): Promise<string> {
  const modelDir = join(ctx.modelsDir, 'wikitext-rnn-rnade');
  const head = '## Language in word-vector space: RNN-RNADE on WikiText-2 (GloVe 50d)\n\n';
  if (!existsSync(join(modelDir, 'model.json')) || !existsSync(join(modelDir, 'independent-rnade', 'model.json'))) {
    return `${head}_models/wikitext-rnn-rnade (with independent-rnade/) is not committed yet; see examples/language-rnade/README.md._\n`;
  }
  if (!ctx.dataDir) return `${head}_Needs the GloVe 50d 5k and WikiText-2 files (set RNN_NADE_DATA_DIR)._\n`;
  ctx.log('  language: reading GloVe 50d and WikiText-2 ...');
  const data = await loadLanguageData({ dataDir: ctx.dataDir });
  ctx.log('  language: scoring the diagonal Gaussian, the frame-independent RNADE and the RNN-RNADE on test.txt ...');
  const t0 = performance.now();
  const s = await scoreLanguageModels({ modelDir, data });
  const seconds = (performance.now() - t0) / 1000;
  if (s.modelMinSigma.rnnRnade !== s.minSigma || s.modelMinSigma.independentRnade !== s.minSigma) {
    throw new Error(`σ_min differs between the models (${JSON.stringify(s.modelMinSigma)}, expected ${s.minSigma}); the NLLs would not be comparable.`);
  }
  const gaussValid = diagonalGaussianNll(fitDiagonalGaussian(data.train, { minSigma: X.minSigma }), data.valid);
  const figDir = join(ctx.docsDir, 'figures/language');
  await mkdir(figDir, { recursive: true });
  await writeFile(join(figDir, 'learning-curve.svg'), await learningCurveFromModels(modelDir, gaussValid, X.minSigma));
  await writeFile(join(figDir, 'learning-curve-zoom.svg'), await learningCurveFromModels(modelDir, gaussValid, X.minSigma, { zoom: true }));
  const samples = await sampleSentences(modelDir, data.vectors);
  const ranked: RankedModel[] = [
    { label: 'RNADE, frame-independent', dir: join(modelDir, 'independent-rnade'), kind: 'independent' },
    { label: 'RNN-RNADE', dir: modelDir, kind: 'sequence' },
  ];
  for (const m of ANCHORED_MODELS) {
    const dir = join(ctx.modelsDir, m.dir.replace(/^models\//, ''));
    if (existsSync(join(dir, 'model.json'))) ranked.push({ label: m.label, dir, kind: 'sequence' });
  }
  const nextWord = `${renderNextWord(await nextWordReport(data, ranked, { log: ctx.log }), NEXT_WORD_NOTES, LANGUAGE_COMMANDS.nextWord)}\n\n${await anchoredTraining(ranked.slice(2))}`;
  type Training = TrainingFacts;
  const json = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as {
    model?: { encoder?: Record<string, unknown> };
    estimator?: { config?: Record<string, unknown> };
    metadata?: { training?: Training };
  };
  const indepJson = JSON.parse(await readFile(join(modelDir, 'independent-rnade', 'model.json'), 'utf8')) as { metadata?: { training?: Training } };
  const tr = json.metadata?.training ?? {};
  const itr = indepJson.metadata?.training ?? {};
  const est = json.estimator?.config ?? {};
  const beats = s.rnnRnade < s.gaussian && s.rnnRnade < s.independentRnade;
  const table = markdownTable(
    ['model', 'test NLL per word vector (nats)', 'reproduce'],
    [
      ['diagonal Gaussian (fit on train, frame-independent)', s.gaussian, code(LANGUAGE_COMMANDS.report)],
      ['RNADE, frame-independent (no RNN)', s.independentRnade, code(itr.command ?? '?')],
      [
        `**RNN-RNADE** (LSTM ${String(json.model?.encoder?.hidden ?? '?')}, RNADE H ${String(est.hidden)} K ${String(est.components)}${est.conditionMixture ? ', RNN also sets the mixture biases' : ''})`,
        s.rnnRnade,
        code(tr.command ?? '?'),
      ],
    ],
    { digits: 3 },
  );
  const sampleRows = samples.map((x, i) => [
    x.primer ? code(x.primer) : '(none)',
    String(SAMPLE_REQUESTS[i]!.seed),
    String(x.temperature),
    x.words.map((w, j) => `${w} <sub>${x.similarities[j]!.toFixed(2)}</sub>`).join(' '),
  ]);
  return `${head}Sentences of WikiText-2 as sequences of GloVe 6B 50d vectors (5,050-word subset); tokens outside it
(including WikiText's own \`<unk>\`) are skipped (token coverage: train ${(100 * data.stats.train.coverage).toFixed(1)}%,
test ${(100 * data.stats.test.coverage).toFixed(1)}%). Only valid.txt and test.txt are on this machine, so the models train
on valid.txt minus every ${X.holdoutEvery}th article (${data.stats.train.sequences} sentences, ${data.stats.train.frames} vectors), early-stop on
those articles (${data.stats.valid.sequences} sentences) and are scored on all of test.txt (${s.sentences} sentences, ${s.frames} vectors).

**σ_min = ${s.minSigma} for all three models** (RNADE's \`minSigma\`; the Gaussian's σ floored at it, which does not bind). Word
vectors form a discrete set of points, so an RNADE can place narrow components on frequent words; these NLLs are
densities of points, not of a continuous signal, and only comparable at equal σ_min (with the default 1e-3 they would
be far lower). The RNN-RNADE ${beats ? 'beats both baselines' : '**does not beat both baselines**'}: ${(s.independentRnade - s.rnnRnade).toFixed(3)} nats per
vector better than the frame-independent RNADE (the contribution of the context) and ${(s.gaussian - s.rnnRnade).toFixed(1)} better than the Gaussian
(mostly the multi-modal density of single word vectors).

${table}

${trainingBudget(tr, itr)}

${nextWord}

${ATTEMPTS}

Evaluated on \`${ctx.backend}\` in ${formatDuration(seconds)}. Regenerate this section with
${code(LANGUAGE_COMMANDS.results)} (this section alone: ${code(LANGUAGE_COMMANDS.resultsOnly)}); print the numbers,
samples and model card with ${code(LANGUAGE_COMMANDS.report)}.

![Learning curves: NLL per word vector against epochs](figures/language/learning-curve.svg)
![The same, zoomed on the epochs after the RNN-RNADE branched off the frame-independent RNADE](figures/language/learning-curve-zoom.svg)

Sampled sentences (12 new word vectors after the primer), each vector decoded to its nearest word by cosine similarity
(similarity as subscript). The seed paper could not decode its samples; here every sampled vector lands near a real word,
but the sentences are not grammatical — a small model on ${Math.round(data.stats.train.frames / 1000)}k word vectors learns word frequencies and local patterns
(punctuation, function words), not syntax:

${markdownTable(['primer', 'seed', 'T', 'generated words (cosine similarity)'], sampleRows)}

From the command line (prints the words and each word's similarity):

\`\`\`sh
${LANGUAGE_COMMANDS.sample}
\`\`\`
`;
}
