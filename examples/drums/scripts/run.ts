/**
 * `npm run drums -w examples/drums`: trains RNN-NADE on Groove MIDI (unless --skip-train), then
 * re-evaluates the saved model on the test split (the model stores the unprimed decoding as
 * metadata `sampling`, so `rnn-nade sample` draws like the measures): log-likelihood beside the frame-independent
 * baseline, and issue 15's groove measures (unprimed samples vs real test windows; primed 4-bar
 * continuations beside repeat-last-bar, metric-position, frame-independent and silence baselines).
 * Writes the validation curve (seed paper Figure 7), generated grooves (MIDI on channel 10 + SVG)
 * and the tables into docs/figures/drums/, and the model card into models/groove-drums/README.md.
 *
 * Flags: --skip-train  --resume  --max-minutes N  --epochs N  --model-dir DIR  --grooves N
 *        --temperature T  --best-of N (unprimed samples; default DRUM_DECODING)
 *        --continue-temperature T  --continue-best-of N (primed continuations; default DRUM_CONTINUE_DECODING)
 *        --unprimed N  --samples N (evaluation sizes)
 *        --tune [--tune-temperatures 1,0.8 --tune-best-of 1,4]  (groove measures of each decoding on the VALID split, then exits)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, installProcessErrorHandlers } from '@rnn-nade/core/node';
import { DRUM_CONTINUE_DECODING, DRUM_DECODING, resolveDrumConfig } from '../src/drum-config';
import { evaluateDrums } from '../src/evaluate-drums';
import { DRUM_CONDITIONING, loadGrooveData } from '../src/groove-data';
import { PLAIN_DECODING, samplingMetadata, type GrooveDecoding } from '../src/groove-decode';
import { evaluateGroove } from '../src/groove-evaluation';
import { writeGrooves } from '../src/grooves';
import { drumModelCard, drumResultsTable } from '../src/model-card';
import { DRUM_FIGURES_DIR, DRUM_MODEL_DIR, repoRelative } from '../src/paths';
import { writePrimedGroove, writeValidationCurve } from '../src/figures';
import { describeDecoding, primedTable, unprimedTable } from '../src/groove-report';
import { trainDrums } from '../src/train-drums';

installProcessErrorHandlers({ name: 'drums run' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: v } = parseArgs({
  options: {
    'skip-train': { type: 'boolean' },
    resume: { type: 'boolean' },
    'max-minutes': { type: 'string' },
    epochs: { type: 'string' },
    'model-dir': { type: 'string' },
    grooves: { type: 'string', default: '4' },
    temperature: { type: 'string' },
    'best-of': { type: 'string' },
    unprimed: { type: 'string', default: '64' },
    samples: { type: 'string', default: '3' },
    'continue-temperature': { type: 'string' },
    'continue-best-of': { type: 'string' },
    tune: { type: 'boolean' },
    'tune-temperatures': { type: 'string' },
    'tune-best-of': { type: 'string' },
  },
});
const modelDir = v['model-dir'] ?? DRUM_MODEL_DIR;
const backend = await initBackend({ log: null });
const data = await loadGrooveData({ conditioning: DRUM_CONDITIONING });
console.log(
  `Groove MIDI (4/4): ${data.train.rolls.length} / ${data.valid.rolls.length} / ${data.test.rolls.length} performances ` +
    `(${data.notFourFour.train + data.notFourFour.valid + data.notFourFour.test} not in 4/4 left out); backend ${backend}`,
);

const decoding: GrooveDecoding = {
  temperature: v.temperature ? Number(v.temperature) : DRUM_DECODING.temperature,
  bestOf: v['best-of'] ? Number(v['best-of']) : DRUM_DECODING.bestOf,
};

if (!v['skip-train']) {
  const config = resolveDrumConfig({
    ...(v['max-minutes'] ? { maxMinutes: Number(v['max-minutes']) } : {}),
    ...(v.epochs ? { epochs: Number(v.epochs) } : {}),
  });
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run drums -w examples/drums${argv ? ` -- ${argv}` : ''}`;
  const { result } = await trainDrums(data, config, { modelDir, runDir: '/tmp/rnn-nade-drums-run', command, resume: v.resume, decoding });
  console.log(`trained ${result.epochsCompleted} epochs in ${result.seconds.toFixed(0)} s; best valid NLL/step ${result.bestValidLoss?.toFixed(4)}`);
}

const e = await evaluateDrums(modelDir, data, { samples: 10, seed: 1 });
console.log(
  `test LL/step: RNN-NADE ${e.modelLogLikelihood.toFixed(4)} | frame-independent ${e.baselineLogLikelihood.toFixed(4)} | uniform ${e.uniformLogLikelihood.toFixed(4)}`,
);

const { model } = await SequenceModel.load(modelDir);
const storedSampling = JSON.stringify(e.metadata.sampling ?? null);
if (storedSampling !== JSON.stringify(samplingMetadata(decoding))) {
  console.warn(
    `warning: ${repoRelative(modelDir)} stores sampling ${storedSampling}, but the unprimed measures below use ${JSON.stringify(samplingMetadata(decoding))}; ` +
      '`rnn-nade sample` draws with the stored one (a training run stores the decoding it is given).',
  );
}
const primedDecoding: GrooveDecoding = {
  temperature: v['continue-temperature'] ? Number(v['continue-temperature']) : DRUM_CONTINUE_DECODING.temperature,
  bestOf: v['continue-best-of'] ? Number(v['continue-best-of']) : DRUM_CONTINUE_DECODING.bestOf,
};
const list = (x: string | undefined, d: number[]) => (x ? x.split(',').map(Number) : d);
const sizes = { unprimed: Number(v.unprimed), samples: Number(v.samples) };
if (v.tune) {
  // Decoding choice on the VALID split (the test split is only reported): every temperature x best-of.
  for (const temperature of list(v['tune-temperatures'], [1, 0.8, 0.6, 0.4])) {
    for (const bestOf of list(v['tune-best-of'], [1, 4])) {
      const g = await evaluateGroove(model, data.train, data.valid, { unprimed: 32, samples: 1, decoding: { temperature, bestOf } });
      const u = g.unprimed;
      console.log(
        `valid T=${temperature} best-of ${bestOf}: autocorrelation ${u.barAutocorrelation.toFixed(3)} (real ${g.real.barAutocorrelation.toFixed(3)}), ` +
          `closed hi-hat ${u.closedHihatRate.toFixed(3)} (${g.real.closedHihatRate.toFixed(3)}), kick on downbeat ${u.kickOnDownbeat?.toFixed(3)} (${g.real.kickOnDownbeat?.toFixed(3)}), ` +
          `primed ${g.primed.model.toFixed(3)} vs repeat-last-bar ${g.primed.repeatLastBar.toFixed(3)} (${g.primed.cases} windows)`,
      );
    }
  }
  model.dispose();
  process.exit(0);
}
const grooveEvals = [];
for (const [d, p] of [
  [decoding, primedDecoding],
  [PLAIN_DECODING, PLAIN_DECODING],
]) {
  grooveEvals.push(await evaluateGroove(model, data.train, data.test, { ...sizes, decoding: d, primedDecoding: p }));
  console.log(`groove measures: ${JSON.stringify(grooveEvals.at(-1))}`);
}

await rm(DRUM_FIGURES_DIR, { recursive: true, force: true });
await mkdir(DRUM_FIGURES_DIR, { recursive: true });
await writeValidationCurve(e.metadata, join(DRUM_FIGURES_DIR, 'validation-curve.svg'));
const free = await writeGrooves(model, DRUM_FIGURES_DIR, { count: Number(v.grooves), steps: 64, decoding, firstSeed: 1 });
const primed = await writePrimedGroove(model, data.test, DRUM_FIGURES_DIR, { decoding: primedDecoding });
model.dispose();

const evalCommand = `npm run drums -w examples/drums -- --skip-train${v.unprimed !== '64' || v.samples !== '3' ? ` --unprimed ${v.unprimed} --samples ${v.samples}` : ''}`;
const tables = { ll: drumResultsTable(e), unprimed: unprimedTable(grooveEvals), primed: primedTable(grooveEvals) };
await writeFile(join(modelDir, 'README.md'), drumModelCard(e, tables, evalCommand));
const links = (ext: string) =>
  free.files
    .filter((x) => x.endsWith(ext))
    .map((x) => (ext === '.svg' ? `![${x}](${x})` : `[${x}](${x})`))
    .join(ext === '.svg' ? '\n' : ', ');
await writeFile(
  join(DRUM_FIGURES_DIR, 'README.md'),
  [
    '# Drums: RNN-NADE on Groove MIDI',
    '',
    `Generated by \`${evalCommand}\` (training: \`npm run drums -w examples/drums\`) from \`${repoRelative(modelDir)}\`. Do not edit.`,
    '',
    tables.ll,
    '',
    '## Grooves: unprimed samples vs the real test split',
    '',
    tables.unprimed,
    '',
    '## Primed continuations',
    '',
    tables.primed,
    '',
    '## Validation curve (seed paper Figure 7)',
    '',
    '![validation curve](validation-curve.svg)',
    '',
    `## Generated grooves (64 sixteenths = 4 bars each, label beat, ${describeDecoding(decoding)}; hits: ${free.hits.join(', ')})`,
    '',
    `MIDI on channel 10: ${links('.mid')}`,
    '',
    links('.svg'),
    '',
    `## A test groove continued from its first two bars (${primed.file}; ${describeDecoding(primedDecoding)})`,
    '',
    '[primed-groove.mid](primed-groove.mid)',
    '',
    '![primed groove](primed-groove.svg)',
    '',
  ].join('\n'),
);
console.log(`wrote ${repoRelative(DRUM_FIGURES_DIR)}/ and ${repoRelative(modelDir)}/README.md`);
