/**
 * Results section: RNN-RBM on JSB Chorales (issue 9) — the plugin proof. Re-evaluates the committed
 * `models/jsb-rnn-rbm` (the RBM estimator of examples/custom-estimator-rbm, written only against
 * the public API) with AIS per frame, beside ICML 2012's RNN-RBM and RNN-NADE and our committed
 * RNN-NADE (`models/jsb-rnn-nade`, exact), and checks the AIS estimate on a subset with a 4× budget.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SequenceModel } from '@rnn-nade/core/node';
import { loadCorpus } from '@rnn-nade/data-midi/node';
import { JSB_EVAL_AIS, evaluateRbmModel } from '@rnn-nade-examples/custom-estimator-rbm/evaluate';
import type { ResultsContext } from '../context';
import { ICML_2012_ROWS } from '../lib/icml-2012';
import { code, formatDuration, markdownTable, type Cell } from '../lib/markdown';

const EVAL = 'npm run evaluate -w examples/custom-estimator-rbm';

/** Renders the "RNN-RBM" section. */
export async function render(ctx: ResultsContext): Promise<string> {
  const head = '## RNN-RBM on JSB Chorales: a custom estimator on the public API\n\n';
  const dir = join(ctx.modelsDir, 'jsb-rnn-rbm');
  if (!existsSync(join(dir, 'model.json')))
    return `${head}_models/jsb-rnn-rbm is not committed yet; train it with ${code('npm run train -w examples/custom-estimator-rbm')}._\n`;
  if (!ctx.dataDir) return `${head}_Needs the JSB Chorales corpus (set RNN_NADE_DATA_DIR)._\n`;
  const ais = JSB_EVAL_AIS;
  ctx.log(`  rbm: AIS (${ais.chains} chains x ${ais.betas} betas per frame) on the JSB test split ...`);
  const r = await evaluateRbmModel(dir, { ais, samples: ctx.accuracySamples, seed: 0, dataDir: ctx.dataDir });
  const subset = 4;
  const big = { chains: ais.chains * 2, betas: ais.betas * 2 };
  ctx.log(`  rbm: AIS check on the first ${subset} test chorales (${ais.chains}x${ais.betas} vs ${big.chains}x${big.betas}) ...`);
  const small = await evaluateRbmModel(dir, { ais, samples: 0, seed: 1, dataDir: ctx.dataDir, maxSequences: subset });
  const large = await evaluateRbmModel(dir, { ais: big, samples: 0, seed: 1, dataDir: ctx.dataDir, maxSequences: subset });

  let nade: { ll: number; accuracy: number | null } | null = null;
  const nadeDir = join(ctx.modelsDir, 'jsb-rnn-nade');
  if (existsSync(join(nadeDir, 'model.json'))) {
    ctx.log('  rbm: re-evaluating models/jsb-rnn-nade (exact) for comparison ...');
    await import('@rnn-nade/estimator-nade');
    const corpus = await loadCorpus('jsb', { dataDir: ctx.dataDir });
    const { model } = await SequenceModel.load(nadeDir);
    try {
      const e = await model.evaluate(corpus.test, { samples: ctx.accuracySamples, seed: 0 });
      nade = { ll: e.logLikelihoodPerStep, accuracy: e.accuracy };
    } finally {
      model.dispose();
    }
  }
  const cited = (name: string) => ICML_2012_ROWS.find((row) => row.model === name)?.logLikelihood.jsb ?? null;
  const pct = (x: number | null): Cell => (x === null ? null : `${(100 * x).toFixed(2)} %`);
  const training = (r.metadata.training ?? {}) as Record<string, unknown>;
  const earlier = Array.isArray(training.commands) ? (training.commands as string[]) : [];
  const commands = [...earlier.filter((c) => c !== training.command), String(training.command ?? '?')];
  const rows: Cell[][] = [
    ['RNN-RBM, ICML 2012 (cited)', cited('RNN-RBM'), null, 'AIS', null],
    ['RNN-NADE (SGD), ICML 2012 (cited)', cited('RNN-NADE (SGD)'), null, 'exact', null],
    ['RNN-NADE (HF), ICML 2012 (cited)', cited('RNN-NADE (HF)'), null, 'exact', null],
    ...(nade
      ? [
          [
            'RNN-NADE (ours, models/jsb-rnn-nade)',
            nade.ll,
            pct(nade.accuracy),
            'exact',
            code(`npx rnn-nade eval --model models/jsb-rnn-nade --dataset jsb --split test --samples ${ctx.accuracySamples} --seed 0 --json`),
          ] as Cell[],
        ]
      : []),
    [
      '**RNN-RBM (ours, models/jsb-rnn-rbm)**',
      r.logLikelihoodPerStep,
      pct(r.accuracy),
      `AIS, ${ais.chains} chains × ${ais.betas} betas per frame`,
      code(`${EVAL} -- --chains ${ais.chains} --betas ${ais.betas} --samples ${ctx.accuracySamples}`),
    ],
  ];
  const table = markdownTable(['model', 'test log-likelihood per step', 'expected frame accuracy', 'log p', 'reproduce'], rows, { digits: 2 });
  const check = markdownTable(
    [`AIS setting (first ${subset} test chorales)`, 'log-likelihood per step', 'time'],
    [
      [`${ais.chains} chains × ${ais.betas} betas`, small.logLikelihoodPerStep, formatDuration(small.seconds)],
      [`${big.chains} chains × ${big.betas} betas`, large.logLikelihoodPerStep, formatDuration(large.seconds)],
    ],
    { digits: 3 },
  );
  return [
    head.trimEnd(),
    '',
    'The RBM estimator of `examples/custom-estimator-rbm` imports only `@rnn-nade/core` and `@tensorflow/tfjs-core`;',
    'training (CD-k surrogate loss, pseudo-likelihood validation), model files and the CLI (`--plugin`) come from the SDK',
    '(guide: `docs/guides/custom-estimator.md`). Its likelihood is intractable: every test frame has its own RBM, whose',
    `log Z is estimated by annealed importance sampling. ${r.frames} test frames, ${r.sequences} chorales; evaluated in ${formatDuration(r.seconds)} on ${ctx.backend}.`,
    '',
    table,
    '',
    `Model: ${String(training.epochsCompleted ?? '?')} epochs (${training.stoppedEarly ? 'early stopping' : 'budget or epoch limit'}), trained by ${commands.map((c) => code(c)).join(' then ')};`,
    `best validation negative log pseudo-likelihood ${typeof training.bestValidLossPerStep === 'number' ? training.bestValidLossPerStep.toFixed(3) : '?'} per step, on test ${r.negLogPseudoLikelihoodPerStep.toFixed(3)}. Model card: \`models/jsb-rnn-rbm/README.md\`.`,
    '',
    'AIS check — the estimate with twice the chains and twice the intermediate distributions (log mean of the',
    'importance weights is biased low, so too small a budget overstates the log-likelihood):',
    '',
    check,
    '',
  ].join('\n');
}
