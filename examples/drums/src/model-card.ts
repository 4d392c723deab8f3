import type { JsonValue } from '@rnn-nade/core';
import type { DrumEvaluation } from './evaluate-drums';

const f = (x: number | null | undefined, d = 4) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

/** The test-split table (model vs baselines) as markdown, with the command that reproduces it. */
export function drumResultsTable(e: DrumEvaluation): string {
  return [
    '| model (Groove MIDI test split, 9 classes, 16th notes) | log-likelihood per step (nats) | expected frame accuracy |',
    '|---|---|---|',
    `| RNN-NADE (\`models/groove-drums\`) | **${f(e.modelLogLikelihood)}** | ${f(e.modelAccuracy)} |`,
    `| frame-independent per-class Bernoulli (fitted on train, Laplace α = 1) | ${f(e.baselineLogLikelihood)} | |`,
    `| uniform (9 ln 0.5) | ${f(e.uniformLogLikelihood)} | |`,
    '',
    `${e.frames} test frames in ${e.sequences} performances; every frame scored, the first from the initial state.`,
  ].join('\n');
}

/** The markdown tables of a drum run: log-likelihood, unprimed grooves, primed continuations. */
export interface DrumTables {
  /** {@link drumResultsTable}. */
  readonly ll: string;
  /** Unprimed samples vs the real test split (`unprimedTable`). */
  readonly unprimed: string;
  /** Primed continuations vs baselines (`primedTable`). */
  readonly primed: string;
}

/** How `rnn-nade sample` decodes this model: the `sampling` block stored in its metadata, else plain sampling. */
function storedSampling(metadata: Record<string, JsonValue>): string {
  const s = metadata.sampling as { temperature?: number; candidates?: number } | undefined;
  if (!s) return 'plain temperature-1 sampling: this model stores no `sampling` decoding';
  return `draws at the decoding stored in \`model.json\` as \`sampling\`: T=${s.temperature ?? 1}, best of ${s.candidates ?? 1} by model likelihood, as the unprimed measures above; \`--candidates 1\` samples plainly`;
}

/**
 * The model card (`models/groove-drums/README.md`): config, data, the training command, the test
 * metrics and groove measures beside their baselines, and the command that reproduces them.
 */
export function drumModelCard(e: DrumEvaluation, tables: DrumTables, evalCommand: string): string {
  const training = (e.metadata.training ?? {}) as Record<string, JsonValue>;
  const config = JSON.stringify(training.config ?? {}, null, 2);
  return [
    '# groove-drums: RNN-NADE on Groove MIDI drums',
    '',
    'An LSTM + NADE over the 9 drum classes of `@rnn-nade/data-midi` (kick, snare, closed / open hi-hat,',
    'low / mid / high tom, crash, ride) on a 16th-note grid. The encoder reads, besides the previous frame,',
    "the step's metric position in a 4/4 bar (one-hot 16th-in-beat + beat-in-bar) and the performance's",
    'beat / fill label from `info.csv`, and attends over the last `attentionWindow` steps. `model.json`',
    'records the conditioning spec and the data spec (grid, the GM drum note of every column, MIDI channel 10),',
    'so `rnn-nade sample` / `rnn-nade complete` write General MIDI drums on channel 10.',
    '',
    'Data: the Groove MIDI Dataset (Magenta, CC BY 4.0) with its own `info.csv` split, 4/4 performances',
    `(${String((e.metadata.data as Record<string, Record<string, number>> | undefined)?.sequences?.train ?? '?')} train / ${String((e.metadata.data as Record<string, Record<string, number>> | undefined)?.sequences?.valid ?? '?')} valid / ${e.sequences} test; 12 performances in 3/4, 5/4, 5/8 or 6/8 are left out, none of them in test).`,
    '',
    '## Config',
    '',
    '```json',
    config,
    '```',
    '',
    `Training: Adam, clip-norm 5, one worker; every epoch each performance is cut into windows of \`windowBars\` bars`,
    'that start on bar lines (a random bar offset per epoch; at most `maxWindows` random windows per performance),',
    'so long beats are seen as grooves from their downbeats; early stopping on the valid split',
    `(best weights restored). Backend ${String(training.backend ?? 'n/a')}, ${String(training.epochsCompleted ?? '?')} epochs`,
    `(best epoch ${training.bestEpoch === null || training.bestEpoch === undefined ? '?' : Number(training.bestEpoch) + 1}), ${String(training.seconds ?? '?')} s wall time` +
      (training.stoppedEarly === false
        ? `; stopped by the ${String((training.config as Record<string, JsonValue> | undefined)?.maxMinutes ?? '?')}-minute budget, not by early stopping (the valid loss was still falling).`
        : '.'),
    '',
    'Trained with:',
    '',
    '```sh',
    String(training.command ?? 'npm run drums -w examples/drums'),
    '```',
    '',
    '## Test metrics',
    '',
    tables.ll,
    '',
    '### Grooves: unprimed samples vs the real test split',
    '',
    tables.unprimed,
    '',
    '### Primed continuations (2 real bars, 4 generated; test split)',
    '',
    tables.primed,
    '',
    'Reproduce (re-evaluates this directory, no training):',
    '',
    '```sh',
    evalCommand,
    '```',
    '',
    'Files: `model.json` + `weights-*.bin` (the standard rnn-nade model directory), `loss-curve.svg`',
    '(train / valid NLL per step by epoch). Sample or continue any drum MIDI file (channel 10) with it:',
    '`rnn-nade sample --model models/groove-drums --steps 64 --label type=beat --out groove.mid`',
    `(${storedSampling(e.metadata)}),`,
    '`rnn-nade complete --model models/groove-drums --primer GROOVE.mid --bars 2 --steps 64 --label type=beat --out out.mid`.',
    '',
  ].join('\n');
}
