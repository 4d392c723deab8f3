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

/**
 * The model card (`models/groove-drums/README.md`): config, data, the training command, the test
 * metrics and the command that reproduces them.
 */
export function drumModelCard(e: DrumEvaluation, evalCommand: string): string {
  const training = (e.metadata.training ?? {}) as Record<string, JsonValue>;
  const config = JSON.stringify(training.config ?? {}, null, 2);
  return [
    '# groove-drums: RNN-NADE on Groove MIDI drums',
    '',
    'An LSTM + NADE over the 9 drum classes of `@rnn-nade/data-midi` (kick, snare, closed / open hi-hat,',
    'low / mid / high tom, crash, ride) on a 16th-note grid (`stepsPerQuarter` 4, stored in `model.json`',
    'metadata). Trained on the Groove MIDI Dataset (Magenta, CC BY 4.0) with its own `info.csv` split',
    '(897 train / 124 valid / 129 test performances).',
    '',
    '## Config',
    '',
    '```json',
    config,
    '```',
    '',
    `Training: Adam, clip-norm 5, random crops of \`window\` steps per epoch, early stopping on the valid split`,
    `(best weights restored). Backend ${String(training.backend ?? 'n/a')}, ${String(training.epochsCompleted ?? '?')} epochs`,
    `(best epoch ${training.bestEpoch === null || training.bestEpoch === undefined ? '?' : Number(training.bestEpoch) + 1}), ${String(training.seconds ?? '?')} s wall time.`,
    '',
    'Trained with:',
    '',
    '```sh',
    String(training.command ?? 'npm run drums -w examples/drums'),
    '```',
    '',
    '## Test metrics',
    '',
    drumResultsTable(e),
    '',
    'Reproduce (re-evaluates this directory, no training):',
    '',
    '```sh',
    evalCommand,
    '```',
    '',
    'Files: `model.json` + `weights-*.bin` (the standard rnn-nade model directory), `loss-curve.svg`',
    '(train / valid NLL per step by epoch). Continue any drum MIDI file (channel 10) with it:',
    '`rnn-nade complete --model models/groove-drums --primer GROOVE.mid --bars 1 --steps 64 --out out.mid`.',
    '',
  ].join('\n');
}
