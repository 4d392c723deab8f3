import type { JsonValue } from '@rnn-nade/core';
import type { CompletionSetResult } from './completion-eval';
import { decodingLabel, type PieceCompletion } from './completion';
import type { DecodingChoice } from './choose-decoding';
import type { StyleEvaluation } from './evaluate-style';

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** The per-step Figure 6 table (means over samples) as markdown. */
export function perStepTable(c: PieceCompletion): string {
  const rows = c.means.error.map(
    (_, t) =>
      `| ${t} | ${c.means.truth[t]} | ${f(c.means.correct[t]!)} | ${f(c.means.missed[t]!)} | ${f(c.means.misplaced[t]!)} | ${f(c.means.falsePositives[t]!)} | ${f(c.means.error[t]!)} |`,
  );
  return ['| step | true notes | correct | missed | misplaced | false positives | error |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** One row per piece: the model's frame accuracy (mean over samples) beside the baselines. */
export function pieceTable(result: CompletionSetResult): string {
  const lines = result.rows.map(({ completion: c, baselines: b }) => {
    const s = c.summary;
    return `| ${c.file} | ${c.barSteps} | ${s.truthNotes} | ${f(s.correct, 1)} | ${f(s.falsePositives + s.misplaced, 1)} | ${f(s.accuracy, 3)} | ${f(b['repeat-last-bar'], 3)} | ${f(b['repeat-primer'], 3)} |`;
  });
  lines.push(
    `| **mean over ${result.rows.length} pieces** | | | | | **${f(result.model, 3)}** | ${f(result.baselines['repeat-last-bar'], 3)} | ${f(result.baselines['repeat-primer'], 3)} |`,
  );
  return [
    '| piece | steps/bar | true notes | correct | wrong predictions | model frame accuracy | repeat last primer bar | repeat the 4 primer bars |',
    '|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

/** Rows `[label, Mozart value, other value]` of the headline comparison. */
export function headlineRows(e: StyleEvaluation): [string, number, number][] {
  const rows: [string, number, number][] = [
    [`**model, ${decodingLabel(e.decoding)}** (the decoding chosen on validation pieces)`, e.mozart.chosen.model, e.other.chosen.model],
  ];
  if (e.mozart.plain !== e.mozart.chosen) rows.push(['model, plain sampling (T=1)', e.mozart.plain.model, e.other.plain.model]);
  rows.push(
    ['repeat the last primer bar', e.mozart.chosen.baselines['repeat-last-bar'], e.other.chosen.baselines['repeat-last-bar']],
    ['repeat the 4 primer bars', e.mozart.chosen.baselines['repeat-primer'], e.other.chosen.baselines['repeat-primer']],
    ['silence', e.mozart.chosen.baselines.silence, e.other.chosen.baselines.silence],
  );
  return rows;
}

/** Rows `[label, Mozart value, other value]` of the continuation log-likelihoods. */
export function likelihoodRows(e: StyleEvaluation): [string, number, number][] {
  const rows: [string, number, number][] = [
    ['model (pre-trained + fine-tuned on the classical era)', e.mozart.logLikelihood.model, e.other.logLikelihood.model],
    ['pre-trained-only model', e.mozart.logLikelihood.pretrained, e.other.logLikelihood.pretrained],
  ];
  if (e.decoding.adaptSteps > 0)
    rows.push(['model adapted to each primer (as the chosen decoding)', e.mozart.logLikelihood.adapted, e.other.logLikelihood.adapted]);
  return rows;
}

/** A markdown table of `[label, Mozart, other]` rows. */
export function twoSetTable(header: string, rows: [string, number, number][], counts: { mozart: number; other: number }, digits = 3): string {
  return [
    `| ${header} | ${counts.mozart} Mozart movements | ${counts.other} unseen non-Mozart pieces |`,
    '|---|---|---|',
    ...rows.map(([label, a, b]) => `| ${label} | ${f(a, digits)} | ${f(b, digits)} |`),
  ].join('\n');
}

/** The validation table of the decoding choice. */
export function decodingTable(choice: DecodingChoice): string {
  return [
    `| decoding (${choice.pieces} validation pieces) | mean frame accuracy |`,
    '|---|---|',
    ...choice.trials.map((t) => `| ${decodingLabel(t.decoding)}${t.decoding === choice.best ? ' **(chosen)**' : ''} | ${f(t.accuracy, 3)} |`),
    `| repeat the last primer bar (baseline) | ${f(choice.repeatLastBar, 3)} |`,
  ].join('\n');
}

/** Sentence saying whether the headline target (1.2x repeat-last-bar on Mozart, LL above pre-trained-only) is met. */
export function targetSentence(e: StyleEvaluation): string {
  const ratio = e.mozart.chosen.model / e.mozart.chosen.baselines['repeat-last-bar'];
  const otherRatio = e.other.chosen.model / e.other.chosen.baselines['repeat-last-bar'];
  const ll = e.mozart.logLikelihood;
  return [
    `Mozart: ${f(ratio, 2)}x repeat-last-bar (target 1.2x: ${ratio >= 1.2 ? 'met' : '**missed**'}); unseen non-Mozart pieces: ${f(otherRatio, 2)}x.`,
    `The model ${ll.model > ll.pretrained ? 'beats' : '**does not beat**'} the pre-trained-only model on the log-likelihood of the real Mozart continuations (${f(ll.model, 3)} vs ${f(ll.pretrained, 3)} nats per step).`,
    `Where it still loses: repeating the 4 primer bars scores ${f(e.mozart.chosen.baselines['repeat-primer'], 3)} on Mozart and ${f(e.other.chosen.baselines['repeat-primer'], 3)} on the other pieces, ${e.mozart.chosen.model < e.mozart.chosen.baselines['repeat-primer'] ? 'more than' : 'less than'} the model.`,
    ...(e.decoding.adaptSteps > 0 && e.mozart.logLikelihood.adapted < e.mozart.logLikelihood.model
      ? [
          `Adapting to the primer raises frame accuracy but lowers the likelihood of the real continuation (${f(e.mozart.logLikelihood.adapted, 3)} on Mozart): the adapted model over-commits to the primer's own notes.`,
        ]
      : []),
    ...(e.conditioned
      ? []
      : [
          'This model reads no conditioning (metric position, style or lookback inputs); its only view of earlier bars is the LSTM state and its attention window.',
        ]),
  ].join(' ');
}

/** The model card of `models/style-completion`. */
export function styleModelCard(metadata: Record<string, JsonValue>, e: StyleEvaluation, commands: { train: string; eval: string }): string {
  const training = (metadata.training ?? {}) as Record<string, JsonValue>;
  const data = (metadata.data ?? {}) as Record<string, JsonValue>;
  const stage = (name: string) => {
    const s = (training[name] ?? {}) as Record<string, JsonValue>;
    return `${name}: ${String(s.epochsCompleted ?? '?')} epochs, best valid NLL/step ${typeof s.bestValidLossPerStep === 'number' ? s.bestValidLossPerStep.toFixed(3) : 'n/a'}, ${String(s.seconds ?? '?')} s, stopped by ${String(s.stopReason ?? (s.stoppedEarly ? 'early stopping' : 'its budget or epoch limit'))}`;
  };
  const counts = { mozart: e.mozart.chosen.rows.length, other: e.other.chosen.rows.length };
  return [
    '# style-completion: classical-era piano completes Mozart',
    '',
    '**License: non-commercial use only.** Trained in part on `asap-scores` (ASAP, Foscarin et al. 2020, CC BY-NC-SA 4.0),',
    'so this model is for research and non-commercial use only (share-alike); the other data is piano-midi.de by Bernd Krueger',
    '(CC BY-SA 3.0 DE).',
    '',
    `RNN-NADE (${e.architecture}; NADE over the 88 piano keys 21..108) on an eighth-note`,
    'grid (`stepsPerQuarter` 2, stored in `model.json` metadata so `rnn-nade complete` quantises primers to it). Pre-trained on',
    '`classical-piano-midi`, half of `piano-midi-de-extra` and `asap-scores` (one file per work) with **every Mozart piece held',
    "out** (the 21 movements and ASAP's 6 Mozart scores), then fine-tuned on the classical-era part (Haydn, Clementi,",
    'Beethoven). Training crops start on bar lines. The pre-trained-only model is kept in `pretrained/` for comparison.',
    '',
    `Completion decoding (chosen on validation pieces, stored as \`completion\` in the metadata and used by \`rnn-nade complete\`): **${decodingLabel(e.decoding)}**.`,
    '',
    '## Config and data',
    '',
    '```json',
    JSON.stringify({ config: training.config ?? null, counts: data.counts ?? null, completion: metadata.completion ?? null }, null, 2),
    '```',
    '',
    `- ${stage('pretrain')}`,
    `- ${stage('finetune')}`,
    `- backend ${String(training.backend ?? 'n/a')}, total ${String(training.seconds ?? '?')} s wall time (machine shared with other jobs)`,
    '',
    'Trained with:',
    '',
    '```sh',
    commands.train,
    '```',
    '',
    '## Completion: 4-bar primer, next 4 bars, mean frame accuracy',
    '',
    twoSetTable('continuation', headlineRows(e), counts),
    '',
    '## Log-likelihood of the real continuation (nats per step, 88 keys)',
    '',
    twoSetTable('model', likelihoodRows(e), counts),
    '',
    targetSentence(e),
    '',
    `Log-likelihood per step over the whole ${e.mozart.chosen.rows.length} Mozart movements (${e.mozartFrames} frames): ${f(e.mozartLogLikelihood, 3)}.`,
    '',
    'Reproduce (re-evaluates this directory and regenerates `docs/figures/style-completion/`, no training):',
    '',
    '```sh',
    commands.eval,
    '```',
    '',
    'Complete any piano MIDI file with it (the stored decoding; `--adapt-steps 0 --candidates 1` for plain sampling):',
    '',
    '```sh',
    'rnn-nade complete --model models/style-completion --primer ANY.mid --bars 4 --out out.mid',
    '```',
    '',
  ].join('\n');
}
