/**
 * Results section: ICML 2012 Table 1 (polyphonic music) beside our RNN-Bernoulli and RNN-NADE,
 * re-evaluated from the committed models `models/<corpus>-rnn-{bernoulli,nade}`, plus the note
 * 1-gram baseline recomputed, loss curves, sampled chorales and the hyper-parameter search.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { noteOneGramBaseline } from '@rnn-nade/core/node';
import { loadCorpus, type Corpus } from '@rnn-nade/data-midi/node';
import type { ResultsContext } from '../context';
import { CORPUS_TITLES, ICML_2012_ROWS, TARGETS, targetVerdict, type PolyCorpus } from '../lib/icml-2012';
import { evaluateCommitted } from '../lib/evaluate-cached';
import { code, formatDuration, formatNumber, markdownTable, type Cell } from '../lib/markdown';
import { epochsText, modelFacts, totalTrainingSeconds, type ModelFacts } from '../lib/model-facts';
import { searchSummary } from '../lib/search-summary';
import { attemptsSummary } from '../lib/attempts-summary';
import { groupRepeats } from '../../../examples/polyphonic-benchmarks/src/init-from-info';

const CORPORA: readonly PolyCorpus[] = ['jsb', 'nottingham', 'piano-midi-de', 'musedata'];
const KINDS = [
  { suffix: 'rnn-bernoulli', label: 'RNN-Bernoulli (ours)', target: 'bernoulli' as const },
  { suffix: 'rnn-nade', label: 'RNN-NADE (ours)', target: 'nade' as const },
];

interface OurRow {
  readonly name: string;
  readonly label: string;
  readonly targetKind: 'bernoulli' | 'nade';
  readonly ll: number;
  readonly accuracy: number | null;
  readonly frames: number;
  readonly facts: ModelFacts;
  readonly evalCommand: string;
  readonly curve: string | null;
}

async function evaluateOurs(ctx: ResultsContext, corpusName: PolyCorpus, corpus: Corpus): Promise<OurRow[]> {
  await import('@rnn-nade/estimator-nade');
  await import('@rnn-nade/estimator-bernoulli');
  const rows: OurRow[] = [];
  for (const kind of KINDS) {
    const name = `${corpusName}-${kind.suffix}`;
    const dir = join(ctx.modelsDir, name);
    if (!existsSync(join(dir, 'model.json'))) continue;
    ctx.log(`  evaluating models/${name} on ${corpusName} test ...`);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    const r = await evaluateCommitted(ctx, dir, corpus.test, { samples: ctx.accuracySamples, seed: 0 });
    let curve: string | null = null;
    if (existsSync(join(dir, 'loss-curve.svg'))) {
      const figDir = join(ctx.docsDir, 'figures/polyphonic');
      await mkdir(figDir, { recursive: true });
      curve = join(figDir, `${name}-loss-curve.svg`);
      await copyFile(join(dir, 'loss-curve.svg'), curve);
    }
    rows.push({
      name,
      label: kind.label,
      targetKind: kind.target,
      ll: r.logLikelihoodPerStep,
      accuracy: r.accuracies?.perFrame ?? null,
      frames: r.frames,
      facts: modelFacts(json),
      evalCommand: `npx rnn-nade eval --model models/${name} --dataset ${corpusName} --split test --samples ${ctx.accuracySamples} --seed 0 --accuracy per-frame --json`,
      curve,
    });
  }
  return rows;
}

function pct(x: number | null): Cell {
  return x === null ? null : `${(100 * x).toFixed(2)} %`;
}

async function renderCorpus(ctx: ResultsContext, name: PolyCorpus): Promise<{ md: string; verdicts: string[] }> {
  const title = CORPUS_TITLES[name];
  let corpus: Corpus;
  try {
    corpus = await loadCorpus(name, { dataDir: ctx.dataDir, download: false });
  } catch (error) {
    return { md: `### ${title}\n\nCorpus not available here (${(error as Error).message.split('\n')[0]}); nothing evaluated.`, verdicts: [] };
  }
  const oneGram = noteOneGramBaseline(corpus.train, corpus.test);
  const ours = await evaluateOurs(ctx, name, corpus);
  const testFrames = corpus.test.reduce((a, s) => a + s.steps, 0);
  const rows: Cell[][] = [
    ['Uniform (88 keys, p = ½)', 'exact', 88 * Math.log(0.5), null],
    ['Note 1-gram (per-key Bernoulli fitted on train, Laplace α = 1)', 'recomputed now', oneGram.logLikelihoodPerStep, null],
    ...ICML_2012_ROWS.filter((r) => r.logLikelihood[name] !== null).map((r): Cell[] => [r.model, 'ICML 2012 Table 1 (cited)', r.logLikelihood[name], null]),
    ...ours.map((r): Cell[] => [`**${r.label}**`, `models/${r.name} (evaluated now)`, r.ll, pct(r.accuracy)]),
  ];
  const table = markdownTable(['model', 'source', 'test log-likelihood / step (nats)', 'expected frame accuracy'], rows, { digits: 2 });
  const lines = [
    `### ${title}`,
    '',
    `${corpus.train.length} / ${corpus.valid.length} / ${corpus.test.length} train / valid / test sequences; ` +
      `${testFrames.toLocaleString('en-US')} test frames, all scored (the first frame of each sequence from the initial state), 88 keys.`,
    '',
    table,
  ];
  const verdicts: string[] = [];
  if (ours.length > 0) {
    const how = ours.map((r): Cell[] => [
      r.label.replace(' (ours)', ''),
      r.facts.warmStarts.length === 0
        ? r.facts.configSummary || null
        : `${r.facts.configSummary} (the last of ${r.facts.warmStarts.length + 1} runs, each warm-started from the one before; commands below)`,
      r.facts.seed === null ? null : String(r.facts.seed),
      epochsText(r.facts),
      r.facts.stoppedBy,
      formatDuration(totalTrainingSeconds(r.facts)),
      r.facts.backend,
    ]);
    lines.push(
      '',
      "How our rows were trained (from each model's metadata; wall times are on a 2-core machine shared with other jobs, so they vary by ±2×):",
      '',
      markdownTable(['model', 'config', 'seed', 'epochs run (best, counted from 1)', 'stopped by', 'training wall time', 'backend'], how),
    );
    lines.push('', 'Reproduce each row:', '');
    for (const r of ours) {
      const commands = groupRepeats([...r.facts.warmStarts.map((w) => w.command), r.facts.command], (c) => c).map((runs) => {
        const c = runs[0] ? code(runs[0]) : '(command not recorded)';
        return runs.length === 1 ? c : `${c} ${runs.length} times in a row (each run from the best weights of the one before)`;
      });
      lines.push(`- ${r.label}: evaluate ${code(r.evalCommand)}; retrain ${commands.join(' then ')}`);
    }
    lines.push(...(await attemptsSummary(ctx, name)));
    const curves = ours.filter((r) => r.curve);
    if (curves.length > 0) {
      lines.push('', 'Loss curves (mean NLL per frame; train with dropout/augmentation, valid without):', '');
      for (const r of curves) lines.push(`![${r.label} loss curve](${relative(ctx.docsDir, r.curve!)})`);
    }
    for (const r of ours) {
      const t = TARGETS[name];
      const target = r.targetKind === 'nade' ? t.nade : t.bernoulli;
      let v = `${title} ${r.label.replace(' (ours)', '')}: ${formatNumber(r.ll, 2)} vs target ${formatNumber(target, 2)} — **${targetVerdict(r.ll, target)}**`;
      if (r.targetKind === 'nade') {
        const best = t.bestPublished;
        v += `; best published exact ${formatNumber(best.logLikelihood, 2)} (${best.model}) — **${targetVerdict(r.ll, best.logLikelihood) === 'met' ? 'beaten' : 'not beaten'}**`;
      }
      verdicts.push(v);
    }
  } else {
    lines.push('', `No committed model for ${title} yet (expected \`models/${name}-rnn-nade\`, \`models/${name}-rnn-bernoulli\`).`);
  }
  return { md: lines.join('\n'), verdicts };
}

/** Renders the polyphonic-music section (all four corpora). */
export async function render(ctx: ResultsContext): Promise<string> {
  return renderPolyphonic(ctx, { corpora: CORPORA });
}

/** The section restricted to some corpora (tests render JSB only). */
export async function renderPolyphonic(ctx: ResultsContext, options: { corpora: readonly PolyCorpus[] }): Promise<string> {
  const parts = [
    '## Polyphonic music: the ICML 2012 benchmark',
    '',
    'Log-likelihood per time step on the test split = Σ log p(frame | history) over every test frame / number of test frames ' +
      '(nats, 88 keys, first frame scored; higher is better). Expected frame accuracy = TP / (TP+FP+FN) between the true frame and ' +
      `each of ${ctx.accuracySamples} model sample(s) drawn given the true history, averaged over every test frame (ICML 2012's definition; ` +
      'see the accuracy section below); seed 0. ' +
      'Cited rows: N. Boulanger-Lewandowski, Y. Bengio, P. Vincent, "Modeling Temporal Dependencies in High-Dimensional Sequences: ' +
      'Application to Polyphonic Music Generation and Transcription", ICML 2012, Table 1 (log-likelihoods; the cited accuracies are in the accuracy section). ' +
      'The note 1-gram row is recomputed by this page as a check of the metric (ICML 2012 reports −11.06 on JSB).',
  ];
  const verdicts: string[] = [];
  for (const name of options.corpora) {
    const r = await renderCorpus(ctx, name);
    parts.push('', r.md);
    verdicts.push(...r.verdicts);
  }
  const search = await searchSummary(ctx);
  if (search) parts.push('', search);
  const samplesDir = join(ctx.docsDir, 'figures/polyphonic');
  const sampleSvg = join(samplesDir, 'jsb-rnn-nade-sample-1.svg');
  if (existsSync(sampleSvg)) {
    parts.push(
      '',
      '### Sampled chorales',
      '',
      'Drawn from `models/jsb-rnn-nade` by `npm run sample -w examples/polyphonic-benchmarks` (MIDI and piano rolls in ' + '`docs/figures/polyphonic/`):',
      '',
      `![sampled chorale](${relative(ctx.docsDir, sampleSvg)})`,
    );
  }
  parts.push('', '### Targets', '', ...(verdicts.length ? verdicts.map((v) => `- ${v}`) : ['- no committed models yet']));
  return parts.join('\n');
}
