import type { JsonValue } from '@rnn-nade/core';
import type { PieceCompletion } from './completion';

const f = (x: number, d = 2) => x.toFixed(d);

/** The per-step Figure 6 table (means over samples) as markdown. */
export function perStepTable(c: PieceCompletion): string {
  const rows = c.means.error.map(
    (_, t) =>
      `| ${t} | ${c.means.truth[t]} | ${f(c.means.correct[t]!)} | ${f(c.means.missed[t]!)} | ${f(c.means.misplaced[t]!)} | ${f(c.means.falsePositives[t]!)} | ${f(c.means.error[t]!)} |`,
  );
  return ['| step | true notes | correct | missed | misplaced | false positives | error |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

/** One row per movement: totals per continuation, averaged over samples. */
export function summaryTable(rows: { completion: PieceCompletion; repeatBar: PieceCompletion['summary'] }[]): string {
  const lines = rows.map(({ completion: c, repeatBar: r }) => {
    const s = c.summary;
    return `| ${c.file} | ${c.barSteps} | ${s.truthNotes} | ${f(s.correct, 1)} | ${f(s.missed, 1)} | ${f(s.misplaced, 1)} | ${f(s.falsePositives, 1)} | ${f(s.error, 1)} | ${f(s.accuracy, 3)} | ${f(r.accuracy, 3)} |`;
  });
  const mean = (g: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + g(r), 0) / Math.max(rows.length, 1);
  lines.push(
    `| **mean over ${rows.length} movements** | | ${f(
      mean((r) => r.completion.summary.truthNotes),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.correct),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.missed),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.misplaced),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.falsePositives),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.error),
      1,
    )} | ${f(
      mean((r) => r.completion.summary.accuracy),
      3,
    )} | ${f(
      mean((r) => r.repeatBar.accuracy),
      3,
    )} |`,
  );
  return [
    '| movement | steps/bar | true notes | correct | missed | misplaced | false positives | error | frame accuracy | repeat-last-bar accuracy |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

/** The model card of `models/style-completion`. */
export function styleModelCard(
  metadata: Record<string, JsonValue>,
  facts: { mozartLogLikelihood: number; mozartFrames: number; bachValidLogLikelihood: number; meanAccuracy: number; meanRepeatAccuracy: number },
  commands: { train: string; eval: string },
): string {
  const training = (metadata.training ?? {}) as Record<string, JsonValue>;
  const data = (metadata.data ?? {}) as Record<string, JsonValue>;
  const stage = (name: string) => {
    const s = (training[name] ?? {}) as Record<string, JsonValue>;
    return `${name}: ${String(s.epochsCompleted ?? '?')} epochs, best valid NLL/step ${typeof s.bestValidLossPerStep === 'number' ? s.bestValidLossPerStep.toFixed(3) : 'n/a'}, ${String(s.seconds ?? '?')} s${s.stoppedEarly ? ' (stopped early)' : ''}`;
  };
  return [
    '# style-completion: "Bach completes Mozart"',
    '',
    'RNN-NADE (LSTM + NADE over the 88 piano keys 21..108) on an eighth-note grid (`stepsPerQuarter` 2, stored in',
    '`model.json` metadata so `rnn-nade complete` quantises primers to it). Pre-trained on the classical piano corpus',
    '(`classical-piano-midi`, piano-midi.de by Bernd Krueger, CC BY-SA) with **every Mozart piece held out**, then',
    'fine-tuned on Bach (JSB Chorales at eighth notes + the three WTC pieces of the corpus).',
    '',
    '## Config and data',
    '',
    '```json',
    JSON.stringify({ config: training.config ?? null, counts: data.counts ?? null }, null, 2),
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
    '## Metrics',
    '',
    `| metric | value |`,
    `|---|---|`,
    `| log-likelihood per step on all 21 held-out Mozart movements (${facts.mozartFrames} frames, 88 keys) | ${facts.mozartLogLikelihood.toFixed(3)} |`,
    `| log-likelihood per step on JSB Chorales (8th) valid | ${facts.bachValidLogLikelihood.toFixed(3)} |`,
    `| completion frame accuracy, 4 bars after a 4-bar primer, mean over the 21 movements | ${facts.meanAccuracy.toFixed(3)} |`,
    `| same, "repeat the last primer bar" baseline | ${facts.meanRepeatAccuracy.toFixed(3)} |`,
    '',
    'Reproduce (re-evaluates this directory and regenerates `docs/figures/style-completion/`, no training):',
    '',
    '```sh',
    commands.eval,
    '```',
    '',
    'Complete any piano MIDI file with it:',
    '',
    '```sh',
    'rnn-nade complete --model models/style-completion --primer ANY.mid --bars 4 --out out.mid',
    '```',
    '',
  ].join('\n');
}
