/**
 * `npm run complete -w examples/style-completion`: "Bach completes Mozart".
 * 1. (unless --skip-train) pre-trains RNN-NADE on classical-piano-midi without Mozart, fine-tunes on
 *    Bach, saves models/style-completion;
 * 2. primes the model with the first 4 bars of Mozart K. 545/1 (held out) and samples the next 4
 *    bars 10 times: MIDI, a piano roll with the real continuation overlaid, the seed paper's
 *    Figure 6 (picture + table) into docs/figures/style-completion/;
 * 3. the same analysis for all 21 Mozart movements (5 samples each) + a repeat-last-bar baseline;
 * 4. the model card.
 * Flags: --skip-train  --piece mozart/mz_545_1.mid  --samples 10  --model-dir DIR  --pretrain-epochs N  --finetune-epochs N
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, type JsonValue } from '@rnn-nade/core/node';
import { pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { evaluateStyle } from '../src/evaluate-style';
import { figure6Svg } from '../src/figure6-svg';
import { STYLE_FIGURES_DIR, STYLE_MODEL_DIR, repoRelative } from '../src/paths';
import { STYLE_STEPS_PER_QUARTER, loadStyleData } from '../src/piano-data';
import { perStepTable, styleModelCard, summaryTable } from '../src/report';
import { STYLE_DEFAULTS } from '../src/style-config';
import { trainStyleModel } from '../src/train-style';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'style-completion run' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: v } = parseArgs({
  options: {
    'skip-train': { type: 'boolean' },
    piece: { type: 'string', default: 'mozart/mz_545_1.mid' },
    samples: { type: 'string', default: '10' },
    'model-dir': { type: 'string' },
    'pretrain-epochs': { type: 'string' },
    'finetune-epochs': { type: 'string' },
  },
});
const modelDir = v['model-dir'] ?? STYLE_MODEL_DIR;
const backend = await initBackend({ log: null });
const data = await loadStyleData();
console.log(`data: ${JSON.stringify(data.counts)}, ${data.skipped.length} skipped; backend ${backend}`);
const trainCommand = 'npm run complete -w examples/style-completion';
const evalCommand = 'npm run complete -w examples/style-completion -- --skip-train';
if (!v['skip-train']) {
  const config = {
    ...STYLE_DEFAULTS,
    pretrain: { ...STYLE_DEFAULTS.pretrain, ...(v['pretrain-epochs'] ? { epochs: Number(v['pretrain-epochs']) } : {}) },
    finetune: { ...STYLE_DEFAULTS.finetune, ...(v['finetune-epochs'] ? { epochs: Number(v['finetune-epochs']) } : {}) },
  };
  await trainStyleModel(data, config, { modelDir, runDir: '/tmp/rnn-nade-style-run', command: trainCommand });
}

const ev = await evaluateStyle(modelDir, data, { piece: v.piece, mainSamples: Number(v.samples), samples: 5 });
const { main, rows, meanAccuracy: meanAcc, meanRepeatAccuracy: meanRepeat, metadata } = ev;
const piece = data.mozart.find((p) => p.file === main.file)!;
console.log(`${piece.file}: mean frame accuracy ${main.summary.accuracy.toFixed(3)}, error ${main.summary.error.toFixed(1)} notes per continuation`);
console.log(
  `Mozart LL/step ${ev.mozartLogLikelihood.toFixed(3)}; JSB-8th valid ${ev.bachValidLogLikelihood.toFixed(3)}; completion accuracy ${meanAcc.toFixed(3)} (repeat-bar ${meanRepeat.toFixed(3)})`,
);

await rm(STYLE_FIGURES_DIR, { recursive: true, force: true });
await mkdir(STYLE_FIGURES_DIR, { recursive: true });
const name = piece.file.replace(/^.*\//, '').replace(/\.midi?$/i, '');
const spq = STYLE_STEPS_PER_QUARTER;
const bpm = piece.roll.tempos[0]?.bpm ?? 120;
const full = (cont: number[][]) => [...main.primer, ...cont];
for (let i = 0; i < Math.min(3, main.samples.length); i++) {
  await writeFile(
    join(STYLE_FIGURES_DIR, `${name}-completion-${i + 1}.mid`),
    rollToMidi({ steps: full(main.samples[i]!), stepsPerQuarter: spq }, { bpm, name: `${name}: 4 bars + RNN-NADE (Bach) continuation` }),
  );
}
await writeFile(
  join(STYLE_FIGURES_DIR, `${name}-original.mid`),
  rollToMidi({ steps: full(main.truth), stepsPerQuarter: spq }, { bpm, name: `${name}: first 8 bars (quantised)` }),
);
await writeFile(
  join(STYLE_FIGURES_DIR, `${name}-completion.svg`),
  pianoRollSvg(
    { steps: full(main.truth), stepsPerQuarter: spq },
    {
      overlay: { steps: full(main.samples[0]!), stepsPerQuarter: spq },
      label: 'Mozart (primer + real continuation)',
      overlayLabel: 'primer + RNN-NADE continuation (seed 1)',
      title: `${piece.file}: first 4 bars primed, next 4 bars generated`,
      stepWidth: 8,
    },
  ),
);
await writeFile(
  join(STYLE_FIGURES_DIR, `figure6-${name}.svg`),
  figure6Svg(main.means, { title: `${piece.file}: errors per step, mean of ${main.samples.length} continuations`, barSteps: main.barSteps }),
);

await writeFile(
  join(STYLE_FIGURES_DIR, 'README.md'),
  [
    '# "Bach completes Mozart"',
    '',
    `Generated by \`${evalCommand}\` from \`${repoRelative(modelDir)}\` (trained by \`${trainCommand}\`). Do not edit.`,
    '',
    `The model never saw Mozart: pre-trained on the classical piano corpus without Mozart, fine-tuned on Bach. It is primed with the first 4 bars of **${piece.file}** (eighth-note grid, ${main.barSteps} steps per bar) and samples the next 4 bars, ${main.samples.length} times (seeds 1..${main.samples.length}).`,
    '',
    `- MIDI: ${main.samples
      .slice(0, 3)
      .map((_, i) => `[${name}-completion-${i + 1}.mid](${name}-completion-${i + 1}.mid)`)
      .join(', ')} (primer + continuation); the real first 8 bars: [${name}-original.mid](${name}-original.mid)`,
    '',
    `![completion](${name}-completion.svg)`,
    '',
    '## Seed paper Figure 6: errors per step (mean over samples)',
    '',
    `![figure 6](figure6-${name}.svg)`,
    '',
    '"misplaced" = a predicted note within ±2 semitones of a missed true note at the same step; "error" = missed + misplaced + false positives.',
    '',
    perStepTable(main),
    '',
    `Per continuation (mean over samples): ${main.summary.truthNotes} true notes, ${main.summary.correct.toFixed(1)} correct, ${main.summary.missed.toFixed(1)} missed, ${main.summary.misplaced.toFixed(1)} misplaced, ${main.summary.falsePositives.toFixed(1)} false positives; frame accuracy ${main.summary.accuracy.toFixed(3)}.`,
    '',
    '## Every held-out Mozart movement (first 4 bars primed, next 4 bars scored; 5 samples each, 10 for the main piece)',
    '',
    summaryTable(rows),
    '',
    `Held-out log-likelihood per step on all ${data.mozart.length} Mozart movements: ${ev.mozartLogLikelihood.toFixed(3)} (${ev.mozartFrames} frames, 88 keys).`,
    '',
  ].join('\n'),
);
await writeFile(
  join(modelDir, 'README.md'),
  styleModelCard(
    metadata as Record<string, JsonValue>,
    {
      mozartLogLikelihood: ev.mozartLogLikelihood,
      mozartFrames: ev.mozartFrames,
      bachValidLogLikelihood: ev.bachValidLogLikelihood,
      meanAccuracy: meanAcc,
      meanRepeatAccuracy: meanRepeat,
    },
    { train: trainCommand, eval: evalCommand },
  ),
);
console.log(`wrote ${repoRelative(STYLE_FIGURES_DIR)}/ and ${repoRelative(modelDir)}/README.md`);
