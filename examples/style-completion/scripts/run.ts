/**
 * `npm run complete -w examples/style-completion`: classical-era piano completes Mozart.
 * 1. (unless --skip-train) pre-trains RNN-NADE on the three piano sources without any Mozart piece,
 *    saves the pre-trained-only model, fine-tunes on the classical era, saves models/style-completion;
 * 2. (unless --keep-decoding) chooses the decoding of completions on the validation pieces and
 *    stores it in the model's metadata (`completion`, used by `rnn-nade complete`);
 * 3. primes the model with the first 4 bars of Mozart K. 545/1 (held out) and continues 4 bars
 *    10 times: MIDI, a piano roll with the real continuation overlaid, the seed paper's Figure 6;
 * 4. all 21 Mozart movements and the unseen non-Mozart pieces (5 samples each) beside repeat the
 *    last primer bar, repeat the 4 primer bars and silence; continuation log-likelihoods beside the
 *    pre-trained-only model; the figures README and the model card.
 * Flags: --skip-train  --train-only  --keep-decoding  --piece mozart/mz_545_1.mid  --samples 10  --model-dir DIR
 *        --pretrain-minutes M  --finetune-minutes M  --run-dir DIR (checkpoints)
 *        --resume (continue from the checkpoints in --run-dir)  --from-pretrained (skip stage 1: fine-tune
 *        the saved pretrained/ model; after stage 1 finished)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, type JsonValue } from '@rnn-nade/core/node';
import { chooseDecoding, type DecodingChoice } from '../src/choose-decoding';
import { decodingLabel } from '../src/completion';
import { pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { evaluateStyle } from '../src/evaluate-style';
import { figure6Svg } from '../src/figure6-svg';
import { STYLE_FIGURES_DIR, STYLE_MODEL_DIR, repoRelative } from '../src/paths';
import { STYLE_STEPS_PER_QUARTER, loadStyleData } from '../src/piano-data';
import { decodingTable, headlineRows, likelihoodRows, perStepTable, pieceTable, styleModelCard, targetSentence, twoSetTable } from '../src/report';
import { STYLE_DEFAULTS } from '../src/style-config';
import { trainStyleModel } from '../src/train-style';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'style-completion run' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: v } = parseArgs({
  options: {
    'skip-train': { type: 'boolean' },
    'train-only': { type: 'boolean' },
    'keep-decoding': { type: 'boolean' },
    piece: { type: 'string', default: 'mozart/mz_545_1.mid' },
    samples: { type: 'string', default: '10' },
    'model-dir': { type: 'string' },
    'pretrain-minutes': { type: 'string' },
    'finetune-minutes': { type: 'string' },
    'run-dir': { type: 'string', default: '/tmp/rnn-nade-style-run' },
    resume: { type: 'boolean' },
    'from-pretrained': { type: 'boolean' },
  },
});
const modelDir = v['model-dir'] ?? STYLE_MODEL_DIR;
const pretrainedDir = join(modelDir, 'pretrained');
const backend = await initBackend({ log: null });
const data = await loadStyleData();
console.log(`data: ${JSON.stringify(data.counts)}, ${data.skipped.length} skipped; backend ${backend}`);
const trainCommand = 'npm run complete -w examples/style-completion';
const evalCommand = 'npm run complete -w examples/style-completion -- --skip-train';
if (!v['skip-train']) {
  const minutes = (flag: string | undefined) => (flag ? { maxMinutes: Number(flag) } : {});
  const config = {
    ...STYLE_DEFAULTS,
    pretrain: { ...STYLE_DEFAULTS.pretrain, ...minutes(v['pretrain-minutes']) },
    finetune: { ...STYLE_DEFAULTS.finetune, ...minutes(v['finetune-minutes']) },
  };
  await trainStyleModel(data, config, {
    modelDir,
    pretrainedDir,
    runDir: v['run-dir'],
    command: trainCommand,
    resume: v.resume ?? false,
    fromPretrained: v['from-pretrained'] ?? false,
  });
}
if (v['train-only']) process.exit(0);

// 2. the decoding of completions, chosen on the validation pieces (never the test pieces)
const loaded = await SequenceModel.load(modelDir);
let choice = loaded.metadata.completionChoice as unknown as DecodingChoice | undefined;
try {
  if (!v['keep-decoding'] || !choice) {
    choice = await chooseDecoding(loaded.model, data.valid, {
      samples: 2,
      onTrial: (t) => console.log(`  validation: ${decodingLabel(t.decoding)} -> ${t.accuracy.toFixed(3)}`),
    });
    const metadata = { ...loaded.metadata, completion: { ...choice.best }, completionChoice: choice as unknown as JsonValue };
    await loaded.model.save(modelDir, { metadata: metadata as Record<string, JsonValue> });
  }
} finally {
  loaded.model.dispose();
}
console.log(`decoding: ${decodingLabel(choice.best)}`);

// 3. evaluation on the 21 Mozart movements and the unseen non-Mozart pieces
const ev = await evaluateStyle(modelDir, data, { piece: v.piece, mainSamples: Number(v.samples), samples: 5, log: (m) => console.log(`  evaluating: ${m}`) });
const { main, metadata } = ev;
const counts = { mozart: ev.mozart.chosen.rows.length, other: ev.other.chosen.rows.length };
const piece = data.mozart.find((p) => p.file === main.file)!;
console.log(`${piece.file}: mean frame accuracy ${main.summary.accuracy.toFixed(3)}, error ${main.summary.error.toFixed(1)} notes per continuation`);
console.log(twoSetTable('continuation', headlineRows(ev), counts));
console.log(twoSetTable('model', likelihoodRows(ev), counts));
console.log(targetSentence(ev));

await rm(STYLE_FIGURES_DIR, { recursive: true, force: true });
await mkdir(STYLE_FIGURES_DIR, { recursive: true });
const name = piece.file.replace(/^.*\//, '').replace(/\.midi?$/i, '');
const spq = STYLE_STEPS_PER_QUARTER;
const bpm = piece.roll.tempos[0]?.bpm ?? 120;
const full = (cont: number[][]) => [...main.primer, ...cont];
for (let i = 0; i < Math.min(3, main.samples.length); i++) {
  await writeFile(
    join(STYLE_FIGURES_DIR, `${name}-completion-${i + 1}.mid`),
    rollToMidi({ steps: full(main.samples[i]!), stepsPerQuarter: spq }, { bpm, name: `${name}: 4 bars + RNN-NADE continuation` }),
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
    '# Classical-era piano completes Mozart',
    '',
    `Generated by \`${evalCommand}\` from \`${repoRelative(modelDir)}\` (trained by \`${trainCommand}\`). Do not edit.`,
    '',
    `The model never saw Mozart. It is primed with the first 4 bars of **${piece.file}** (eighth-note grid, ${main.barSteps} steps per bar) and continues for 4 bars, ${main.samples.length} times (seeds 1..${main.samples.length}), decoded as **${decodingLabel(ev.decoding)}**.`,
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
    '## Summary: mean frame accuracy of 4-bar continuations, and log-likelihood of the real continuation',
    '',
    twoSetTable('continuation', headlineRows(ev), counts),
    '',
    twoSetTable('model (log-likelihood per step)', likelihoodRows(ev), counts),
    '',
    targetSentence(ev),
    '',
    '## How the decoding was chosen (validation pieces, never the test pieces)',
    '',
    decodingTable(choice),
    '',
    `## Every Mozart movement (5 samples each, ${decodingLabel(ev.decoding)})`,
    '',
    pieceTable(ev.mozart.chosen),
    '',
    `## Every unseen non-Mozart piece (held-out half of piano-midi-de-extra; 5 samples each)`,
    '',
    pieceTable(ev.other.chosen),
    '',
  ].join('\n'),
);
await writeFile(join(modelDir, 'README.md'), styleModelCard(metadata as Record<string, JsonValue>, ev, { train: trainCommand, eval: evalCommand }));
console.log(`wrote ${repoRelative(STYLE_FIGURES_DIR)}/ and ${repoRelative(modelDir)}/README.md`);
