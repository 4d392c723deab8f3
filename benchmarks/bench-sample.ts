/**
 * `npm run bench:sample` — generation speed of the reference RNN-NADE (LSTM 150, NADE hidden
 * 100, D = 88; untrained weights, which makes denser frames than a trained model and so is the
 * slower case for the NADE part), 1,000 steps, one core:
 *
 * - fast path: `SequenceModel.sample` with `path: 'fast'` (plain-array LSTM step + projection
 *   and the NADE `CpuSampler`) — the target is ≤ 0.25 s;
 * - tensor path + JS NADE sampler: the LSTM step in tensor ops, the frame from the CPU sampler;
 * - naive: tensor ops for everything, the NADE drawn with one round of tensor ops per dimension
 *   (timed on fewer steps and scaled to 1,000, since it takes many seconds);
 * - the NADE `CpuSampler` alone (1,000 frames).
 *
 * Untrained weights give p ≈ 1/2 per key (~44 active keys per frame), far denser than music, and
 * both plain-array paths skip inactive keys; so the fast path is also timed with the visible-bias
 * slice of the projection bias set to logit(3.9/88) — JSB's mean of 3.9 sounding keys per frame.
 * `--model DIR` times a saved model instead (e.g. a trained RNN-NADE).
 *
 * Prints median seconds. Options: `--steps 1000 --reps 5 --naive-steps 50 --seed 1 --model DIR`.
 * Run: `npm run bench:sample` (RNN_NADE_BACKEND=cpu to use the cpu backend).
 */
import { loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { Rng, SequenceModel, initBackend } from '@rnn-nade/core/node';
import { nade, type NadeKernel } from '@rnn-nade/estimator-nade';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'bench-sample' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const steps = arg('steps', 1000);
const reps = arg('reps', 5);
const naiveSteps = arg('naive-steps', 50);
const seed = arg('seed', 1);
const D = 88;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function time(label: string, n: number, run: () => Promise<unknown> | unknown, scaleTo = 1): Promise<number> {
  await run(); // warm-up
  const ts: number[] = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    await run();
    ts.push((performance.now() - t0) / 1000);
  }
  const m = median(ts) * scaleTo;
  const scaled = scaleTo !== 1 ? ` (scaled ×${scaleTo.toFixed(0)} from ${(median(ts)).toFixed(3)} s)` : '';
  const min = n > 1 ? ` (min ${Math.min(...ts).toFixed(3)} s)` : '';
  console.log(`${label.padEnd(46)} ${m.toFixed(3)} s${min}${scaled}`);
  return m;
}

function makeModel(kernel: NadeKernel): SequenceModel {
  return SequenceModel.create({
    encoder: { inputDim: D, hidden: 150 },
    estimator: nade({ dim: D, hidden: 100, seed }, { kernel }),
    seed,
  });
}

async function density(model: SequenceModel): Promise<string> {
  const notes = (await model.sample({ steps, seed, path: 'fast' })).data.reduce((a, v) => a + v, 0);
  return `  (${(notes / steps).toFixed(1)} active keys per generated frame)`;
}

/** Sets the visible-bias part of the projection bias so that each key is on with probability p. */
function setVisibleBias(model: SequenceModel, p: number): void {
  const bias = model.variables['projection/output/bias']!;
  const data = Float32Array.from(bias.dataSync());
  data.fill(Math.log(p / (1 - p)), 0, D);
  tf.tidy(() => bias.assign(tf.tensor1d(data)));
}

async function main(): Promise<void> {
  const backend = await initBackend();
  const dirIdx = process.argv.indexOf('--model');
  if (dirIdx > 0) {
    const { model } = await SequenceModel.load(process.argv[dirIdx + 1]!);
    console.log(`bench:sample — backend ${backend}, model ${process.argv[dirIdx + 1]}, ${steps} steps, median of ${reps}`);
    const t = await time(`fast path (SequenceModel.sample, 'fast')`, reps, () => model.sample({ steps, seed, path: 'fast' }));
    console.log(await density(model));
    console.log(`fast path: ${t <= 0.25 ? 'meets' : 'MISSES'} the 0.25 s target`);
    model.dispose();
    return;
  }
  console.log(
    `bench:sample — backend ${backend}, reference RNN-NADE (LSTM 150, NADE 100, D ${D}), ${steps} steps, median of ${reps}, load average ${loadavg()[0]!.toFixed(1)}`,
  );
  const model = makeModel('auto');
  const fast = await time(`fast path (SequenceModel.sample, 'fast')`, reps, () => model.sample({ steps, seed, path: 'fast' }));
  console.log(await density(model));
  const sparse = makeModel('auto');
  setVisibleBias(sparse, 3.9 / 88);
  const fastSparse = await time(`fast path, JSB-like density`, reps, () => sparse.sample({ steps, seed, path: 'fast' }));
  console.log(await density(sparse));
  sparse.dispose();
  await time(`tensor LSTM step + NADE CpuSampler`, Math.min(reps, 3), () => model.sample({ steps, seed, path: 'tensor' }));
  const naiveModel = makeModel('tensor');
  const naive = await time(`naive per-dimension tensor loop`, 1, () => naiveModel.sample({ steps: naiveSteps, seed, path: 'tensor' }), steps / naiveSteps);
  const sampler = model.estimator.createCpuSampler!();
  const frame = new Float32Array(D);
  for (const [label, b] of [
    ['b = 0', 0],
    ['JSB density', Math.log(3.9 / 84.1)],
  ] as const) {
    const params = new Rng(seed).normals(steps * (D + 100));
    for (let s = 0; s < steps; s++) params.fill(b, s * 188, s * 188 + D);
    await time(`NADE CpuSampler alone (${steps} frames, ${label})`, reps, () => {
      const rng = new Rng(seed);
      for (let s = 0; s < steps; s++) sampler.sample(params.subarray(s * 188, (s + 1) * 188), frame, { rng });
    });
  }
  const verdict = (t: number): string => (t <= 0.25 ? 'meets' : 'MISSES');
  console.log(
    `fast path: ${verdict(fast)} the 0.25 s target untrained-dense (${fast.toFixed(3)} s), ${verdict(fastSparse)} it at JSB density (${fastSparse.toFixed(3)} s); ${(naive / fast).toFixed(0)}× faster than the naive loop`,
  );
  model.dispose();
  naiveModel.dispose();
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

void main();
