import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AisSettings } from './rbm-config';
import type { RbmEvaluation } from './evaluate-rbm';

/** Inputs of {@link renderModelCard}. */
export interface ModelCardInput {
  readonly evaluation: RbmEvaluation;
  readonly ais: AisSettings;
  readonly split: string;
  /** The command that reproduces the evaluation. */
  readonly evalCommand: string;
  /** Path of the model's model.json. */
  readonly modelJson: string;
}

type Json = { [key: string]: unknown };

/**
 * The model card (README.md) of a saved RNN-RBM: architecture and RBM config from model.json,
 * the training facts from its metadata, the measured metrics and the commands that reproduce
 * them, plus the AIS convergence study when `ais-study.json` sits beside the model.
 */
export async function renderModelCard(input: ModelCardInput): Promise<string> {
  const json = JSON.parse(await readFile(input.modelJson, 'utf8')) as Json;
  const model = (json.model ?? {}) as Json;
  const encoder = (model.encoder ?? {}) as Json;
  const est = (json.estimator ?? {}) as Json;
  const cfg = (est.config ?? {}) as Json;
  const training = (((json.metadata ?? {}) as Json).training ?? {}) as Json;
  const e = input.evaluation;
  const lines = [
    '# jsb-rnn-rbm — RNN-RBM on JSB Chorales (quarter notes)',
    '',
    'An LSTM whose output sets, at every time step, the visible and hidden biases of an RBM',
    '(Boulanger-Lewandowski, Bengio & Vincent, ICML 2012), built from `@rnn-nade/core` and the',
    "RBM estimator of `examples/custom-estimator-rbm` (written only against rnn-nade's public API).",
    'Load it after importing the example (which registers the estimator):',
    '',
    '```ts',
    "import '@rnn-nade-examples/custom-estimator-rbm';",
    "const { model } = await SequenceModel.load('models/jsb-rnn-rbm');",
    '```',
    '',
    '## Configuration',
    '',
    `- encoder: LSTM ${encoder.hidden}×${encoder.layers ?? 1}, input ${encoder.inputDim} keys (MIDI 21–108)`,
    `- estimator: \`${est.className}\` with ${cfg.hidden} hidden units, CD-${cfg.cdSteps} training,`,
    `  ${cfg.gibbsSteps} Gibbs steps per sample, validation loss ${cfg.validationLoss}`,
    `- data: JSB Chorales quarter-note split (229 train / 76 valid / 77 test chorales) from \`RNN_NADE_DATA_DIR\``,
    ...trainedBy(training),
    '',
    `## Metrics (${input.split} split)`,
    '',
    '| metric | value |',
    '|---|---|',
    `| log-likelihood per step (nats, ${e.logPartition === 'ais' ? `AIS ${input.ais.chains} chains × ${input.ais.betas} betas per frame` : 'exact'}) | ${e.logLikelihoodPerStep.toFixed(3)} |`,
    `| expected frame accuracy (1 sample / frame) | ${e.accuracy === null ? '–' : `${(100 * e.accuracy).toFixed(2)} %`} |`,
    `| negative log pseudo-likelihood per step | ${e.negLogPseudoLikelihoodPerStep.toFixed(3)} |`,
    `| frames / sequences | ${e.frames} / ${e.sequences} |`,
    '',
    `Reproduce: \`${input.evalCommand}\` (${e.seconds.toFixed(0)} s here).`,
    '',
    'The log-likelihood needs log Z of a different RBM at every frame; AIS estimates it. The log of',
    "the mean importance weight underestimates log Z on average (Jensen's inequality), so the",
    'log-likelihood is, if anything, slightly optimistic; the convergence table shows how much it',
    'moves with more chains and intermediate distributions.',
  ];
  const study = join(dirname(input.modelJson), 'ais-study.json');
  if (existsSync(study)) {
    const s = JSON.parse(await readFile(study, 'utf8')) as {
      command: string;
      sequences: number;
      frames: number;
      rows: { chains: number; betas: number; ll: number; seconds: number }[];
    };
    lines.push(
      '',
      `### AIS convergence (first ${s.sequences} test chorales, ${s.frames} frames)`,
      '',
      '| chains | betas | log-likelihood per step | seconds |',
      '|---|---|---|---|',
      ...s.rows.map((r) => `| ${r.chains} | ${r.betas} | ${r.ll.toFixed(3)} | ${r.seconds.toFixed(0)} |`),
      '',
      `Reproduce: \`${s.command}\`.`,
    );
  }
  lines.push('', 'Files: `model.json` + weights (standard rnn-nade model directory), `loss-curve.svg`, `train-log.jsonl`.', '');
  return lines.join('\n');
}

/** The "trained by" lines: every command of the run (first, then resumes), budget, and a one-command reproduction. */
function trainedBy(t: Json): string[] {
  const earlier = Array.isArray(t.commands) ? (t.commands as string[]) : [];
  const commands = [...earlier.filter((c) => c !== t.command), String(t.command)];
  const best = typeof t.bestValidLossPerStep === 'number' ? t.bestValidLossPerStep.toFixed(3) : '?';
  return [
    `- trained on the ${t.backend} backend, seed ${t.seed}, ${t.epochsCompleted} epochs, best validation after epoch ${typeof t.bestEpoch === 'number' ? t.bestEpoch + 1 : '?'}`,
    `  (negative log pseudo-likelihood ${best} per step)${t.stoppedEarly ? ', stopped early' : ''}, by`,
    ...commands.map((c, i) => `  ${i === 0 ? '' : 'then '}\`${c}\``),
    `  (the last command took ${t.seconds} s wall, ${t.cpuSeconds ?? '?'} s CPU). Seeded, with bit-identical resume, so`,
    `  \`npm run train -w examples/custom-estimator-rbm -- --epochs ${t.epochsCompleted} --cpu-minutes 0\` should give the same weights in one run (not re-run here).`,
  ];
}
