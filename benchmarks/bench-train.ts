/**
 * `npm run bench:train`: the training step of the reference RNN-NADE (LSTM 150, NADE hidden 100,
 * D = 88, batch 16 × 64 steps, Adam) on the default tfjs backend, next to the PyTorch peer
 * (`../shared/peers/torch_rnn_nade.py bench 1 16`) run in the same process tree, plus a real JSB
 * Chorales epoch (229 chorales) with the same model when the data is available.
 *
 * Flags: --steps N (measured steps, default 10), --warmup N (default 3), --no-peer, --no-epoch,
 *        --estimator bernoulli|nade (default nade when it is registered), --threads N (peer threads, default 1).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import {
  AdamOptimizer,
  Rng,
  SequenceModel,
  getEstimatorFactory,
  initBackend,
  makeBatches,
  train,
  trainStep,
  validationLoss,
  type DistributionEstimator,
  type PaddedBatch,
  type SequenceData,
} from '@rnn-nade/core';
import { installProcessErrorHandlers } from '@rnn-nade/core';

installProcessErrorHandlers({ name: 'bench-train' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    steps: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    'no-peer': { type: 'boolean' },
    'no-epoch': { type: 'boolean' },
    estimator: { type: 'string' },
    threads: { type: 'string', default: '1' },
  },
});
const STEPS = Number(flags.steps);
const WARMUP = Number(flags.warmup);
const [D, HIDDEN, NADE_HIDDEN, B, L] = [88, 150, 100, 16, 64];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function makeEstimator(): Promise<{ estimator: DistributionEstimator; name: string; note: string }> {
  await import('@rnn-nade/estimator-bernoulli');
  let nadeError = '';
  try {
    await import('@rnn-nade/estimator-nade');
  } catch (e) {
    nadeError = (e as Error).message.split('\n')[0]!;
  }
  const wanted = flags.estimator ?? 'nade';
  if (wanted === 'nade') {
    try {
      return { estimator: getEstimatorFactory('nade').fromConfig({ dim: D, hidden: NADE_HIDDEN }), name: 'RNN-NADE', note: '' };
    } catch (e) {
      nadeError ||= (e as Error).message;
    }
  }
  const note = wanted === 'nade' ? `NADE is not available (${nadeError}); benchmarking RNN-Bernoulli instead` : '';
  return { estimator: getEstimatorFactory('bernoulli').fromConfig({ dim: D }), name: 'RNN-Bernoulli', note };
}

/** The same random rolls as the peer: B × 64 steps, each key on with probability 0.045. */
function randomBatch(rng: Rng): PaddedBatch {
  const seqs = Array.from({ length: B }, () => {
    const data = new Float32Array(L * D);
    for (let i = 0; i < data.length; i++) data[i] = rng.next() < 0.045 ? 1 : 0;
    return { steps: L, dim: D, data };
  });
  return makeBatches(seqs, { batchSize: B })[0]!;
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

async function benchOurs() {
  const backend = await initBackend({ log: null });
  const { estimator, name, note } = await makeEstimator();
  const model = SequenceModel.create({ encoder: { inputDim: D, hidden: HIDDEN }, estimator, seed: 1 });
  const optimizer = new AdamOptimizer();
  const rng = new Rng(0);
  const batch = randomBatch(rng);
  const noUpdate = { config: optimizer.config, step: 0, apply() {}, getState: () => optimizer.getState(), setState() {}, dispose() {} };
  const steps: number[] = [];
  const forward: number[] = [];
  const gradOnly: number[] = [];
  // interleaved, so that a change in machine load affects every figure alike
  for (let i = 0; i < WARMUP + STEPS; i++) {
    const [out, ms] = time(() => trainStep(model, optimizer, batch, { rng, state: undefined, learningRate: 1e-3, clipNorm: null }));
    tf.dispose(out.finalState);
    const [, fms] = time(() => validationLoss(model, [batch], 0));
    const [g, gms] = time(() => trainStep(model, noUpdate, batch, { rng, state: undefined, learningRate: 1e-3, clipNorm: null }));
    tf.dispose(g.finalState);
    if (i >= WARMUP) {
      steps.push(ms);
      forward.push(fms);
      gradOnly.push(gms);
    }
  }
  optimizer.dispose();
  return { backend, name, note, model, estimator, stepMs: median(steps), forwardMs: median(forward), gradMs: median(gradOnly) };
}

function benchPeer(): { ms: number | null; line: string } {
  const script = resolve(repoRoot, '../shared/peers/torch_rnn_nade.py');
  if (!existsSync('/usr/bin/python3')) return { ms: null, line: 'PyTorch peer: /usr/bin/python3 is missing' };
  if (!existsSync(script)) return { ms: null, line: `PyTorch peer: ${script} is missing` };
  const r = spawnSync('/usr/bin/python3', [script, 'bench', String(flags.threads), String(B)], { encoding: 'utf8', timeout: 600_000 });
  const m = /median ms\/step ([\d.]+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || !m) {
    const why = (r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').pop();
    return { ms: null, line: `PyTorch peer failed (is python3-torch installed?): ${why}` };
  }
  return { ms: Number(m[1]), line: r.stdout.trim() };
}

async function loadJsb() {
  const dataDir = process.env.RNN_NADE_DATA_DIR ?? resolve(repoRoot, '../shared/data');
  if (!existsSync(join(dataDir, 'jsb-chorales/jsb-chorales-quarter.json'))) return undefined;
  const { loadCorpus } = await import('@rnn-nade/data-midi');
  return loadCorpus('jsb', { dataDir, download: false });
}

async function benchEpoch(model: SequenceModel, chorales: SequenceData[]): Promise<string> {
  const r = await train(model, { train: chorales, valid: [] }, { epochs: 1, batchSize: B, progress: 'none', seed: 1 });
  const e = r.history.epochs[0]!;
  return `JSB epoch measured (${chorales.length} chorales, ${r.steps} batches of ${B}, ${e.frames} frames, whole chorales): ${e.seconds.toFixed(1)} s (target < 15 s)`;
}

const ours = await benchOurs();
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (ours.note) console.log(`NOTE: ${ours.note}`);
console.log(
  `rnn-nade ${ours.name} (LSTM ${HIDDEN}, ${ours.name === 'RNN-NADE' ? `NADE hidden ${NADE_HIDDEN}, ` : ''}D=${D}, batch ${B} x ${L} steps, Adam) on tfjs-${ours.backend}: ` +
    `median ${ours.stepMs.toFixed(1)} ms/step over ${STEPS} steps after ${WARMUP} warm-up, ${((B * L) / (ours.stepMs / 1000)).toFixed(0)} frames/s`,
);
console.log(
  `  where the time goes (medians): forward loss ${ours.forwardMs.toFixed(1)} ms, forward+backward ${ours.gradMs.toFixed(1)} ms, ` +
    `Adam update + rest ~${Math.max(0, ours.stepMs - ours.gradMs).toFixed(1)} ms`,
);
const peer = flags['no-peer'] ? { ms: null, line: 'PyTorch peer: skipped (--no-peer)' } : benchPeer();
console.log(peer.line);
if (peer.ms !== null) {
  const ratio = ours.stepMs / peer.ms;
  console.log(`ratio rnn-nade / PyTorch = ${ratio.toFixed(2)}x (target <= 1.0x, goal 0.5x)${ours.name === 'RNN-NADE' ? '' : ' [NOTE: Bernoulli vs the peer NADE: not a like-for-like comparison]'}`);
}
const jsb = await loadJsb();
if (jsb) {
  const lengths = makeBatches(jsb.train, { batchSize: B, rng: new Rng(1) }).map((b) => b.steps);
  const est = lengths.reduce((a, len) => a + (ours.stepMs * len) / L, 0) / 1000;
  console.log(
    `JSB epoch estimate from the step time: ${lengths.length} batches, padded lengths ${Math.min(...lengths)}..${Math.max(...lengths)} steps ` +
      `(mean ${(lengths.reduce((a, b) => a + b, 0) / lengths.length).toFixed(0)}): ~${est.toFixed(1)} s (step time scaled by length / 64)`,
  );
  if (!flags['no-epoch']) console.log(await benchEpoch(ours.model, jsb.train));
} else {
  console.log(`JSB epoch: estimate ${((Math.ceil(229 / B) * ours.stepMs) / 1000).toFixed(1)} s at 64 steps per chorale; real epoch skipped (JSB data not found; set RNN_NADE_DATA_DIR)`);
}
ours.model.dispose();
