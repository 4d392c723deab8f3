/**
 * Scale benchmark (issue 8): the seed paper trains on 150,000 drum tracks. This script
 * 1. generates N (default 150,000) short synthetic drum MIDI files (1–4 bars of 16th notes, kick /
 *    snare / hi-hat patterns with random fills, random tempo) into a temporary folder, 1,000 per
 *    sub-folder (never committed);
 * 2. preprocesses them with `preprocessMidiToCache` (worker threads, bit-packed roll cache), once
 *    in the main thread only, with 1 worker thread and with `--workers` (default: all cores; the main
 *    thread takes units too whenever the workers are busy): files/s and the cache size
 *    (the files were just written, so they are read from the page cache);
 * 3. trains RNN-NADE (LSTM 64 + NADE 32 on the 9 drum classes) on batches streamed from the cache
 *    for `--train-seconds` seconds: frames/s;
 * 4. reports the process's peak RSS (workers are threads of this process, so it covers them) after
 *    each phase, and deletes the temporary files.
 *
 * Run: `npm run bench:scale` (= `tsx benchmarks/bench-scale.ts [--files 150000] [--workers N]
 * [--train-seconds 30] [--batch-size 64] [--keep] [--json FILE]`). Needs `npm run build -w
 * @rnn-nade/data-midi` first (the workers run the built `preprocess-worker.js`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng, SequenceModel, getEstimatorFactory, initBackend } from '@rnn-nade/core/node';
import { createOptimizer, trainStep } from '@rnn-nade/core/advanced';
import '@rnn-nade/estimator-nade';
import { DRUM_CLASS_GM_NOTES, RollCache, preprocessMidiToCache, rollToMidi } from '@rnn-nade/data-midi/node';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'bench-scale' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: v } = parseArgs({
  options: {
    files: { type: 'string', default: '150000' },
    workers: { type: 'string' },
    'train-seconds': { type: 'string', default: '30' },
    'batch-size': { type: 'string', default: '64' },
    keep: { type: 'boolean' },
    json: { type: 'string' },
  },
});
const N = Number(v.files);
const workers = v.workers === undefined ? availableParallelism() : Number(v.workers);
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const mb = (b: number) => b / 2 ** 20;
const report: Record<string, unknown> = { files: N, workers, node: process.version, cores: availableParallelism() };
const log = (m: string) => console.log(m);

// 1. synthetic corpus
const root = mkdtempSync(path.join(tmpdir(), 'rnn-nade-bench-scale-'));
const corpus = path.join(root, 'corpus');
const [KICK, SNARE, CHH, OHH, LT, MT, HT, CRASH] = [0, 1, 2, 3, 4, 5, 6, 7].map((c) => DRUM_CLASS_GM_NOTES[c]!);
function groove(rng: Rng): number[][] {
  const steps = 16 * (1 + rng.int(4));
  const out: number[][] = [];
  const kickP = 0.15 + 0.2 * rng.next();
  for (let t = 0; t < steps; t++) {
    const s: number[] = [];
    const beat = t % 16;
    if (beat === 0 || beat === 8 || rng.next() < kickP * (t % 2 === 0 ? 1 : 0.3)) s.push(KICK!);
    if (beat === 4 || beat === 12 || rng.next() < 0.04) s.push(SNARE!);
    if (t % 2 === 0) s.push(rng.next() < 0.9 ? CHH! : OHH!);
    if (t === 0 && rng.next() < 0.3) s.push(CRASH!);
    if (steps - t <= 4 && rng.next() < 0.5) s.push([LT!, MT!, HT!][rng.int(3)]!);
    out.push(s.sort((a, b) => a - b));
  }
  return out;
}
const rng = new Rng(2012);
let t0 = performance.now();
let bytes = 0;
for (let i = 0; i < N; i++) {
  const sub = path.join(corpus, `part-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
  if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
  const midi = rollToMidi({ steps: groove(rng), stepsPerQuarter: 4, drums: true }, { bpm: 80 + rng.int(80), drums: true });
  writeFileSync(path.join(sub, `groove-${i}.mid`), midi);
  bytes += midi.length;
}
const genSeconds = (performance.now() - t0) / 1000;
report.generate = { seconds: genSeconds, filesPerSecond: N / genSeconds, midiMegabytes: mb(bytes), peakRssMb: peakMb() };
log(`generated ${N} synthetic drum MIDI files (${mb(bytes).toFixed(1)} MB) in ${genSeconds.toFixed(1)} s; peak RSS ${peakMb().toFixed(0)} MB`);

try {
  // 2. preprocess in this thread only, then with 1 and with `workers` worker threads (the same cache each time)
  const cacheFile = path.join(root, 'drums.rollcache');
  const runs: Record<string, unknown>[] = [];
  for (const w of [...new Set([0, 1, workers])]) {
    const cpu0 = process.cpuUsage();
    const pre = await preprocessMidiToCache(corpus, cacheFile, { drums: true, stepsPerQuarter: 4, workers: w, chunkFiles: 500 });
    const cpu = process.cpuUsage(cpu0);
    const float32Mb = mb(pre.frames * 9 * 4);
    runs.push({
      workers: w,
      workerChunks: pre.workerChunks,
      threadChunks: pre.threadChunks,
      seconds: pre.seconds,
      filesPerSecond: pre.files / pre.seconds,
      records: pre.records,
      frames: pre.frames,
      skipped: pre.skippedCount,
      cacheMegabytes: mb(pre.bytes),
      float32Megabytes: float32Mb,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: peakMb(),
    });
    log(
      `preprocessed ${pre.files} files with ${w} worker thread(s) (units: ${pre.workerChunks} by workers, ${pre.threadChunks} by the main thread) in ${pre.seconds.toFixed(1)} s = ${(pre.files / pre.seconds).toFixed(0)} files/s ` +
        `(${((cpu.user + cpu.system) / 1e6).toFixed(1)} CPU s); ${pre.records} rolls, ${pre.frames} frames, ${pre.skippedCount} skipped; ` +
        `cache ${mb(pre.bytes).toFixed(1)} MB (as float32 rolls: ${float32Mb.toFixed(0)} MB); peak RSS so far ${peakMb().toFixed(0)} MB`,
    );
  }
  report.preprocess = runs;

  // 3. train from the cache
  const backend = await initBackend({ log: null });
  const cache = RollCache.open(cacheFile);
  const estimator = getEstimatorFactory('nade').fromConfig({ dim: 9, hidden: 32 });
  const model = SequenceModel.create({ encoder: { inputDim: 9, hidden: 64 }, estimator, seed: 1 });
  const optimizer = createOptimizer({ kind: 'adam' });
  const trainRng = new Rng(1);
  const budget = Number(v['train-seconds']) * 1000;
  let frames = 0;
  let batches = 0;
  let first = NaN;
  let last = NaN;
  t0 = performance.now();
  outer: for (;;) {
    for (const batch of cache.batches({ split: 'train', batchSize: Number(v['batch-size']), rng: trainRng })) {
      const out = trainStep(model, optimizer, batch, { rng: trainRng, state: undefined, learningRate: 3e-3, clipNorm: 5 });
      for (const t of out.finalState) t.dispose();
      frames += out.frames;
      batches++;
      if (batches === 1) first = out.loss;
      last = out.loss;
      if (performance.now() - t0 >= budget) break outer;
    }
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  cache.close();
  model.dispose();
  report.train = {
    backend,
    seconds: trainSeconds,
    batches,
    frames,
    framesPerSecond: frames / trainSeconds,
    firstLoss: first,
    lastLoss: last,
    peakRssMb: peakMb(),
  };
  log(
    `trained from the cache on ${backend}: ${batches} batches, ${frames} frames in ${trainSeconds.toFixed(1)} s = ${(frames / trainSeconds).toFixed(0)} frames/s ` +
      `(NLL/step ${first.toFixed(3)} -> ${last.toFixed(3)}); peak RSS ${peakMb().toFixed(0)} MB`,
  );
} finally {
  if (!v.keep) {
    const t = performance.now();
    rmSync(root, { recursive: true, force: true });
    log(`deleted ${root} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else log(`kept ${root}`);
}
report.peakRssMb = peakMb();
log(`peak RSS of the whole run: ${peakMb().toFixed(0)} MB (target <= 1536 MB)`);
if (v.json) writeFileSync(v.json, `${JSON.stringify(report, null, 2)}\n`);
