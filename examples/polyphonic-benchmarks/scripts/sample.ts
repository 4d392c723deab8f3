/**
 * `npm run sample -w examples/polyphonic-benchmarks -- [--model models/jsb-rnn-nade] [--count 3] [--steps 64] [--temperature 1] [--seed 1]`
 *
 * Samples chorales from a committed model and writes each as MIDI and a piano-roll SVG to
 * docs/figures/polyphonic/<model>-sample-<i>.{mid,svg}; plus one continuation of the first
 * test chorale's first 16 steps (primer in blue, model in orange) as <model>-continuation.{mid,svg}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SequenceModel, initBackend, sequenceToPitches, type SequenceData } from '@rnn-nade/core/node';
import { loadCorpus, pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { dataDirOrDefault, repoRelative, repoRoot } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks sample' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: f } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/jsb-rnn-nade' },
    count: { type: 'string', default: '3' },
    steps: { type: 'string', default: '64' },
    temperature: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'primer-steps': { type: 'string', default: '16' },
  },
});
const modelDir = resolve(repoRoot, f.model!);
const name = basename(modelDir);
const outDir = join(repoRoot, 'docs/figures/polyphonic');
const [count, steps, temperature, seed, primerSteps] = [Number(f.count), Number(f.steps), Number(f.temperature), Number(f.seed), Number(f['primer-steps'])];

const backend = await initBackend({ log: null });
await import('@rnn-nade/estimator-nade');
await import('@rnn-nade/estimator-bernoulli');
const { model, metadata } = await SequenceModel.load(modelDir);
const data = (metadata.data ?? {}) as { dataset?: string; low?: number; dim?: number; stepsPerQuarter?: number | null };
const low = data.low ?? 21;
const dim = data.dim ?? 88;
const spq = data.stepsPerQuarter ?? 1;
const toRoll = (seq: SequenceData) => ({ stepsPerQuarter: spq, steps: sequenceToPitches(seq, { low, high: low + dim - 1 }) });
await mkdir(outDir, { recursive: true });
const written: string[] = [];

for (let i = 1; i <= count; i++) {
  const s = seed + i - 1;
  const roll = toRoll(await model.sample({ steps, seed: s, temperature }));
  const base = join(outDir, `${name}-sample-${i}`);
  await writeFile(`${base}.mid`, rollToMidi(roll, { bpm: 80 }));
  await writeFile(
    `${base}.svg`,
    pianoRollSvg(roll, { title: `${name}: sampled chorale ${i} (${steps} steps, T=${temperature}, seed ${s}, ${backend})`, stepWidth: 8, rowHeight: 5 }),
  );
  written.push(`${base}.mid`, `${base}.svg`);
}

if (data.dataset && primerSteps > 0) {
  const corpus = await loadCorpus(data.dataset, { dataDir: dataDirOrDefault(), download: false });
  const first = corpus.test[0]!;
  const n = Math.min(primerSteps, first.steps);
  const primer: SequenceData = { steps: n, dim: first.dim, data: first.data.slice(0, n * first.dim) };
  const cont = await model.sample({ steps, seed, temperature, primer });
  const primerRoll = toRoll(primer);
  const contRoll = toRoll(cont);
  const padded = { stepsPerQuarter: spq, steps: [...primerRoll.steps.map(() => [] as number[]), ...contRoll.steps] };
  const whole = { stepsPerQuarter: spq, steps: [...primerRoll.steps, ...contRoll.steps] };
  const base = join(outDir, `${name}-continuation`);
  await writeFile(`${base}.mid`, rollToMidi(whole, { bpm: 80 }));
  await writeFile(
    `${base}.svg`,
    pianoRollSvg(primerRoll, {
      overlay: padded,
      label: 'primer',
      overlayLabel: 'model',
      title: `${name}: continuation of the first ${n} steps of test chorale 1 (seed ${seed}, T=${temperature})`,
      stepWidth: 8,
      rowHeight: 5,
    }),
  );
  written.push(`${base}.mid`, `${base}.svg`);
}
model.dispose();
console.log(`sample: wrote\n${written.map((w) => `  ${repoRelative(w)}`).join('\n')}`);
