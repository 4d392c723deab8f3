/**
 * `npm run drums -w examples/drums`: trains RNN-NADE on Groove MIDI (unless --skip-train), then
 * re-evaluates the saved model on the test split beside the frame-independent baseline, writes the
 * validation curve (seed paper Figure 7), generated grooves (MIDI on channel 10 + SVG) and a table
 * into docs/figures/drums/, and the model card into models/groove-drums/README.md.
 *
 * Flags: --skip-train  --resume  --max-minutes N  --epochs N  --model-dir DIR  --grooves N
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, lossCurveSvg, type JsonValue, type TrainHistory } from '@rnn-nade/core/node';
import { pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { resolveDrumConfig } from '../src/drum-config';
import { evaluateDrums } from '../src/evaluate-drums';
import { DRUM_STEPS_PER_QUARTER, loadGroove } from '../src/groove-data';
import { drumSequenceToRoll, writeGrooves } from '../src/grooves';
import { drumModelCard, drumResultsTable } from '../src/model-card';
import { DRUM_FIGURES_DIR, DRUM_MODEL_DIR, repoRelative } from '../src/paths';
import { trainDrums } from '../src/train-drums';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'drums run' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: v } = parseArgs({
  options: {
    'skip-train': { type: 'boolean' },
    resume: { type: 'boolean' },
    'max-minutes': { type: 'string' },
    epochs: { type: 'string' },
    'model-dir': { type: 'string' },
    grooves: { type: 'string', default: '4' },
  },
});
const modelDir = v['model-dir'] ?? DRUM_MODEL_DIR;
const backend = await initBackend({ log: null });
const corpus = await loadGroove();
console.log(
  `Groove MIDI: ${corpus.train.length} / ${corpus.valid.length} / ${corpus.test.length} performances, ${corpus.skipped.length} skipped; backend ${backend}`,
);

if (!v['skip-train']) {
  const config = resolveDrumConfig({
    ...(v['max-minutes'] ? { maxMinutes: Number(v['max-minutes']) } : {}),
    ...(v.epochs ? { epochs: Number(v.epochs) } : {}),
  });
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run drums -w examples/drums${argv ? ` -- ${argv}` : ''}`;
  const { result } = await trainDrums(corpus, config, { modelDir, runDir: '/tmp/rnn-nade-drums-run', command, resume: v.resume });
  console.log(`trained ${result.epochsCompleted} epochs in ${result.seconds.toFixed(0)} s; best valid NLL/step ${result.bestValidLoss?.toFixed(4)}`);
}

const e = await evaluateDrums(modelDir, corpus, { samples: 10, seed: 1 });
console.log(
  `test LL/step: RNN-NADE ${e.modelLogLikelihood.toFixed(4)} | frame-independent ${e.baselineLogLikelihood.toFixed(4)} | uniform ${e.uniformLogLikelihood.toFixed(4)}`,
);

await rm(DRUM_FIGURES_DIR, { recursive: true, force: true });
await mkdir(DRUM_FIGURES_DIR, { recursive: true });
// Figure 7: the validation curve, from the curves stored in the model's metadata.
const training = (e.metadata.training ?? {}) as Record<string, JsonValue>;
const valid = (training.validCurve ?? []) as [number, number][];
const trainCurve = (training.trainCurve ?? []) as [number, number][];
const history: TrainHistory = {
  epochs: trainCurve.map(([ep, loss]) => ({
    epoch: ep - 1,
    trainLoss: loss,
    validLoss: null,
    learningRate: 0,
    steps: 0,
    frames: 0,
    seconds: 0,
    improved: false,
  })),
  checks: valid.map(([epoch, validLoss]) => ({ step: 0, epoch, validLoss })),
};
await writeFile(
  join(DRUM_FIGURES_DIR, 'validation-curve.svg'),
  lossCurveSvg(history, { title: 'RNN-NADE on Groove MIDI: NLL per 16th-note step (train, valid)' }),
);

const { model } = await SequenceModel.load(modelDir);
const count = Number(v.grooves);
const free = await writeGrooves(model, DRUM_FIGURES_DIR, { count, steps: 64, temperature: 1, firstSeed: 1 });
// A primed groove: the first bar of the first test performance, continued for three bars.
const first = corpus.test.find((s) => s.steps >= 64)!;
const primer = { steps: 16, dim: first.dim, data: first.data.slice(0, 16 * first.dim) };
const cont = await model.sample({ steps: 48, primer, seed: 1 });
const primed = drumSequenceToRoll({ steps: 64, dim: first.dim, data: new Float32Array([...primer.data, ...cont.data]) });
const realRoll = drumSequenceToRoll({ steps: 64, dim: first.dim, data: first.data.slice(0, 64 * first.dim) });
await writeFile(join(DRUM_FIGURES_DIR, 'primed-groove.mid'), rollToMidi(primed, { drums: true, name: 'rnn-nade primed groove' }));
await writeFile(
  join(DRUM_FIGURES_DIR, 'primed-groove.svg'),
  pianoRollSvg(
    { steps: realRoll.steps, drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER },
    {
      overlay: { steps: primed.steps, drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER },
      label: 'real test groove',
      overlayLabel: 'bar 1 primer + RNN-NADE continuation',
      stepWidth: 8,
      title: `Test file ${corpus.files.test[corpus.test.indexOf(first)]}: first bar primes the model`,
    },
  ),
);
model.dispose();

const evalCommand = 'npm run drums -w examples/drums -- --skip-train';
const table = drumResultsTable(e);
await writeFile(join(modelDir, 'README.md'), drumModelCard(e, evalCommand));
const pictures = free.files
  .filter((x) => x.endsWith('.svg'))
  .map((x) => `![${x}](${x})`)
  .join('\n');
await writeFile(
  join(DRUM_FIGURES_DIR, 'README.md'),
  [
    '# Drums: RNN-NADE on Groove MIDI',
    '',
    `Generated by \`${evalCommand}\` (training: \`npm run drums -w examples/drums\`) from \`${repoRelative(modelDir)}\`. Do not edit.`,
    '',
    table,
    '',
    '## Validation curve (seed paper Figure 7)',
    '',
    '![validation curve](validation-curve.svg)',
    '',
    `## Generated grooves (64 sixteenths = 4 bars each, temperature 1; hits: ${free.hits.join(', ')})`,
    '',
    `MIDI on channel 10: ${free.files
      .filter((x) => x.endsWith('.mid'))
      .map((x) => `[${x}](${x})`)
      .join(', ')}`,
    '',
    pictures,
    '',
    '## A test groove continued from its first bar',
    '',
    '[primed-groove.mid](primed-groove.mid)',
    '',
    '![primed groove](primed-groove.svg)',
    '',
  ].join('\n'),
);
console.log(`wrote ${repoRelative(DRUM_FIGURES_DIR)}/ and ${repoRelative(modelDir)}/README.md`);
