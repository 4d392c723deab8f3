/**
 * Scores the committed language models on WikiText-2 test.txt (diagonal Gaussian refit on train,
 * frame-independent RNADE, RNN-RNADE), generates decoded sample sentences, draws the learning
 * curve (docs/figures/language/learning-curve.svg), runs the next-word evaluation (all models beside unigram
 * and bigram) and writes the model cards (models/wikitext-rnn-rnade/README.md and, when it is
 * committed, anchored-mixture/README.md).
 *
 *   npx tsx examples/language-rnade/scripts/report.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { initBackend } from '@rnn-nade/core/node';
import { diagonalGaussianNll, fitDiagonalGaussian } from '../src/diagonal-gaussian';
import { ANCHORED_MODELS, LANGUAGE_EXPERIMENT as X, OUTPUTS, REPO_ROOT } from '../src/experiment-config';
import { formatSentence } from '../src/generate-sentences';
import { loadLanguageData } from '../src/language-data';
import { learningCurveFromModels, sampleSentences } from '../src/language-report';
import { modelCard } from '../src/model-card';
import { scoreLanguageModels } from '../src/evaluate-language';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';
import { existsSync } from 'node:fs';
import { anchoredModelCard, nextWordTable } from '../src/anchored-model-card';
import { LANGUAGE_COMMANDS } from '../src/model-card';
import { nextWordReport, type RankedModel } from '../src/next-word-report';

installProcessErrorHandlers({ name: 'language-rnade report' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const backend = await initBackend();
const modelDir = resolve(REPO_ROOT, OUTPUTS.model);
const t0 = performance.now();
const data = await loadLanguageData();
const scores = await scoreLanguageModels({ modelDir, data });
const evalSeconds = (performance.now() - t0) / 1000;
console.log(`test NLL per word vector (nats, σ_min = ${X.minSigma}, ${scores.frames} vectors in ${scores.sentences} sentences):`);
console.log(`  diagonal Gaussian        ${scores.gaussian.toFixed(3)}`);
console.log(`  RNADE (frame-independent) ${scores.independentRnade.toFixed(3)}`);
console.log(`  RNN-RNADE                ${scores.rnnRnade.toFixed(3)}`);
const samples = await sampleSentences(modelDir, data.vectors);
for (const s of samples) console.log(`  T=${s.temperature} seed ${s.seed}: ${formatSentence(s)}`);
const gaussValid = diagonalGaussianNll(fitDiagonalGaussian(data.train, { minSigma: X.minSigma }), data.valid);
const svg = await learningCurveFromModels(modelDir, gaussValid, X.minSigma);
const figDir = resolve(REPO_ROOT, OUTPUTS.figures);
await mkdir(figDir, { recursive: true });
await writeFile(join(figDir, 'learning-curve.svg'), svg);
await writeFile(join(figDir, 'learning-curve-zoom.svg'), await learningCurveFromModels(modelDir, gaussValid, X.minSigma, { zoom: true }));
const modelJson = JSON.parse(await readFile(join(modelDir, 'model.json'), 'utf8')) as Record<string, unknown>;
const independentJson = JSON.parse(await readFile(join(modelDir, 'independent-rnade', 'model.json'), 'utf8')) as Record<string, unknown>;
const ranked: RankedModel[] = [
  { label: 'RNADE, frame-independent', dir: join(modelDir, 'independent-rnade'), kind: 'independent' },
  { label: 'RNN-RNADE', dir: modelDir, kind: 'sequence' },
];
const anchored = ANCHORED_MODELS.map((m) => ({ ...m, dir: resolve(REPO_ROOT, m.dir) })).filter((m) => existsSync(join(m.dir, 'model.json')));
for (const m of anchored) ranked.push({ label: m.label, dir: m.dir, kind: 'sequence' });
const nextWord = await nextWordReport(data, ranked, { log: (m) => console.log(m) });
const table = nextWordTable(nextWord);
console.log(table);
const card = modelCard({ modelJson, independentJson, scores, samples, stats: data.stats });
const contextModels = anchored.map((m) => `\`${basename(m.dir)}/\``).join(', ');
await writeFile(
  join(modelDir, 'README.md'),
  `${card}\n## Next-word prediction\n\n${table}\n\nReproduce: \`${LANGUAGE_COMMANDS.nextWord}\`${anchored.length ? ` (the context models are ${contextModels}, see their READMEs)` : ''}.\n`,
);
for (const m of anchored) {
  const anchoredJson = JSON.parse(await readFile(join(m.dir, 'model.json'), 'utf8')) as Record<string, unknown>;
  const anchoredSamples = await sampleSentences(m.dir, data.vectors);
  const history = JSON.parse(await readFile(join(m.dir, 'history.json'), 'utf8')) as { epochs: { seconds: number }[] };
  await writeFile(
    join(m.dir, 'README.md'),
    anchoredModelCard({
      name: m.dir.slice(REPO_ROOT.length + 1),
      modelJson: anchoredJson,
      report: nextWord,
      samples: anchoredSamples,
      command: LANGUAGE_COMMANDS.nextWord,
      history,
    }),
  );
}
console.log(`wrote ${OUTPUTS.figures}/learning-curve.svg and ${OUTPUTS.model}/README.md (evaluation ${evalSeconds.toFixed(0)} s, backend ${backend})`);
