/**
 * `npm run bench:train`: the training step of the reference RNN-NADE (LSTM 150, NADE hidden 100,
 * D = 88, batch 16 × 64 steps, Adam) on the default tfjs backend with 1 worker and with one
 * worker per core (interleaved, medians), next to the PyTorch peer
 * (`../shared/peers/torch_rnn_nade.py bench T 16`) with 1 thread and with all threads, plus a
 * real JSB Chorales epoch (229 chorales) with 1 worker and with all, when the data is available.
 * Prints the load average before and after: timings on a busy machine are not comparable.
 *
 * Flags: --steps N (measured steps, default 10), --warmup N (default 3), --no-peer, --no-epoch, --epoch-rounds N (default 3),
 *        --estimator bernoulli|nade (default nade when it is registered), --workers N (default: all cores).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import {
  Rng,
  SequenceModel,
  getEstimatorFactory,
  initBackend,
  makeBatches,
  train,
  type DistributionEstimator,
  type PaddedBatch,
  type SequenceData,
} from '@rnn-nade/core/node';
import { AdamOptimizer, createStepRunner, trainStep, validationLoss } from '@rnn-nade/core/advanced';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'bench-train' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    steps: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    'no-peer': { type: 'boolean' },
    'no-epoch': { type: 'boolean' },
    estimator: { type: 'string' },
    workers: { type: 'string' },
    'epoch-rounds': { type: 'string', default: '3' },
  },
});
const STEPS = Number(flags.steps);
const ALL = flags.workers ? Number(flags.workers) : cpus().length;
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

/** CPU time (user + system, all threads of this process) in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function benchOurs() {
  const backend = await initBackend({ log: null });
  const { estimator, name, note } = await makeEstimator();
  const model = SequenceModel.create({ encoder: { inputDim: D, hidden: HIDDEN }, estimator, seed: 1 });
  const factory = getEstimatorFactory(estimator.className);
  const modelN = SequenceModel.create({ encoder: { inputDim: D, hidden: HIDDEN }, estimator: factory.fromConfig(estimator.getConfig()), seed: 1 });
  const optimizer = new AdamOptimizer();
  const optimizerN = new AdamOptimizer();
  const runner = await createStepRunner(modelN, optimizerN, { workers: ALL, batchSize: B });
  const rng = new Rng(0);
  const batch = randomBatch(rng);
  const noUpdate = { config: optimizer.config, step: 0, apply() {}, getState: () => optimizer.getState(), setState() {}, dispose() {} };
  const steps: number[] = [];
  const stepsN: number[] = [];
  const cpu1: number[] = [];
  const cpuN: number[] = [];
  const forward: number[] = [];
  const gradOnly: number[] = [];
  const gradShare: number[] = [];
  // the rows one of ALL workers gets (batch-major arrays: the first rows are a prefix)
  const rows = Math.ceil(B / ALL);
  const share: PaddedBatch = {
    ...batch,
    batchSize: rows,
    inputs: batch.inputs.slice(0, rows * L * D),
    targets: batch.targets.slice(0, rows * L * D),
    mask: batch.mask.slice(0, rows * L),
  };
  const opts = { rng, state: undefined, learningRate: 1e-3, clipNorm: null };
  // interleaved, so that a change in machine load affects every figure alike
  for (let i = 0; i < WARMUP + STEPS; i++) {
    const c0 = cpuMs();
    const [out, ms] = time(() => trainStep(model, optimizer, batch, opts));
    tf.dispose(out.finalState);
    const c1 = cpuMs();
    const t0 = performance.now();
    await runner.step(batch, { ...opts, step: i });
    const msN = performance.now() - t0;
    const c2 = cpuMs();
    const [, fms] = time(() => validationLoss(model, [batch], 0));
    const [g, gms] = time(() => trainStep(model, noUpdate, batch, opts));
    tf.dispose(g.finalState);
    const [gs, sms] = time(() => trainStep(model, noUpdate, share, opts));
    tf.dispose(gs.finalState);
    if (i >= WARMUP) {
      steps.push(ms);
      stepsN.push(msN);
      cpu1.push(c1 - c0);
      cpuN.push(c2 - c1);
      forward.push(fms);
      gradOnly.push(gms);
      gradShare.push(sms);
    }
  }
  await runner.close();
  optimizer.dispose();
  optimizerN.dispose();
  modelN.dispose();
  return {
    backend,
    name,
    note,
    model,
    estimator,
    workersN: runner.workers,
    stepMs: median(steps),
    stepNMs: median(stepsN),
    cpu1Ms: median(cpu1),
    cpuNMs: median(cpuN),
    forwardMs: median(forward),
    gradMs: median(gradOnly),
    shareMs: median(gradShare),
    shareRows: rows,
  };
}

function benchPeer(threads: number): { ms: number | null; line: string } {
  const script = resolve(repoRoot, '../shared/peers/torch_rnn_nade.py');
  if (!existsSync('/usr/bin/python3')) return { ms: null, line: 'PyTorch peer: /usr/bin/python3 is missing' };
  if (!existsSync(script)) return { ms: null, line: `PyTorch peer: ${script} is missing` };
  const r = spawnSync('/usr/bin/python3', [script, 'bench', String(threads), String(B)], { encoding: 'utf8', timeout: 600_000 });
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
  const { loadCorpus } = await import('@rnn-nade/data-midi/node');
  return loadCorpus('jsb', { dataDir, download: false });
}

/** One JSB epoch per worker count, interleaved (1, n, 1, n, ...); returns the median wall and CPU seconds of each. */
async function benchEpochs(estimator: DistributionEstimator, chorales: SequenceData[], counts: number[], rounds: number) {
  const factory = getEstimatorFactory(estimator.className);
  const seconds = counts.map(() => [] as number[]);
  const cpuSeconds = counts.map(() => [] as number[]);
  let batches = 0;
  let frames = 0;
  for (let r = 0; r < rounds; r++) {
    for (const [i, workers] of counts.entries()) {
      const model = SequenceModel.create({ encoder: { inputDim: D, hidden: HIDDEN }, estimator: factory.fromConfig(estimator.getConfig()), seed: 1 });
      const c0 = cpuMs();
      const res = await train(model, { train: chorales, valid: [] }, { epochs: 1, batchSize: B, progress: 'none', seed: 1, workers });
      seconds[i]!.push(res.history.epochs[0]!.seconds);
      cpuSeconds[i]!.push((cpuMs() - c0) / 1000);
      batches = res.steps;
      frames = res.history.epochs[0]!.frames;
      model.dispose();
    }
  }
  return { medians: seconds.map(median), cpu: cpuSeconds.map(median), batches, frames };
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${load()} (before)`);
const ours = await benchOurs();
if (ours.note) console.log(`NOTE: ${ours.note}`);
const what = `${ours.name} (LSTM ${HIDDEN}, ${ours.name === 'RNN-NADE' ? `NADE hidden ${NADE_HIDDEN}, ` : ''}D=${D}, batch ${B} x ${L} steps, Adam) on tfjs-${ours.backend}`;
const fps = (ms: number) => ((B * L) / (ms / 1000)).toFixed(0);
console.log(`rnn-nade ${what}, medians over ${STEPS} interleaved steps after ${WARMUP} warm-up:`);
console.log(`  1 worker:  ${ours.stepMs.toFixed(1)} ms/step, ${fps(ours.stepMs)} frames/s`);
console.log(
  `  ${ours.workersN} workers: ${ours.stepNMs.toFixed(1)} ms/step, ${fps(ours.stepNMs)} frames/s (speed-up ${(ours.stepMs / ours.stepNMs).toFixed(2)}x)`,
);
console.log(
  `  CPU time per step (all threads; less sensitive to other load than wall time): 1 worker ${ours.cpu1Ms.toFixed(1)} ms, ` +
    `${ours.workersN} workers ${ours.cpuNMs.toFixed(1)} ms (${(ours.cpuNMs / ours.cpu1Ms).toFixed(2)}x: the parallel overhead)`,
);
console.log(
  `  forward+backward of one worker's share (${ours.shareRows} of ${B} rows) on this thread: ${ours.shareMs.toFixed(1)} ms = ` +
    `${(ours.shareMs / ours.gradMs).toFixed(2)}x the whole batch (the compute part of a ${ours.workersN}-worker step on idle cores)`,
);
console.log(
  `  where the 1-worker time goes: forward loss ${ours.forwardMs.toFixed(1)} ms, forward+backward ${ours.gradMs.toFixed(1)} ms, ` +
    `Adam update + rest ~${Math.max(0, ours.stepMs - ours.gradMs).toFixed(1)} ms`,
);
const skipped = { ms: null, line: 'PyTorch peer: skipped (--no-peer)' };
const peer1 = flags['no-peer'] ? skipped : benchPeer(1);
const peerN = flags['no-peer'] ? skipped : benchPeer(ALL);
console.log(peer1.line);
if (ALL > 1) console.log(peerN.line);
const like = ours.name === 'RNN-NADE' ? '' : ' [NOTE: Bernoulli vs the peer NADE: not a like-for-like comparison]';
if (peer1.ms !== null) console.log(`ratio rnn-nade 1 worker / PyTorch 1 thread = ${(ours.stepMs / peer1.ms).toFixed(2)}x (target <= 0.2x)${like}`);
if (peerN.ms !== null && ALL > 1)
  console.log(`ratio rnn-nade ${ours.workersN} workers / PyTorch ${ALL} threads = ${(ours.stepNMs / peerN.ms).toFixed(2)}x${like}`);
const jsb = await loadJsb();
if (jsb && !flags['no-epoch']) {
  const counts = ALL > 1 ? [1, ALL] : [1];
  const rounds = Number(flags['epoch-rounds']);
  const e = await benchEpochs(ours.estimator, jsb.train, counts, rounds);
  console.log(
    `JSB epoch (${jsb.train.length} chorales, ${e.batches} batches of ${B}, ${e.frames} frames, whole chorales), medians of ${rounds} interleaved rounds:`,
  );
  counts.forEach((n, i) => {
    console.log(
      `  ${n} worker${n > 1 ? 's' : ''}: ${e.medians[i]!.toFixed(1)} s (CPU time, all threads, incl. starting the workers: ${e.cpu[i]!.toFixed(1)} s)`,
    );
  });
  if (counts.length > 1) console.log(`ratio JSB epoch ${ALL} workers / 1 worker = ${(e.medians[1]! / e.medians[0]!).toFixed(2)}x (target <= 0.6x on 2 cores)`);
} else if (!jsb) {
  console.log('JSB epoch: skipped (JSB data not found; set RNN_NADE_DATA_DIR)');
}
console.log(`load average ${load()} (after)`);
ours.model.dispose();
