/**
 * RNADE loss benchmark: forward (`logProb`) and forward + backward (`loss` gradients w.r.t. all
 * weights) for the JS and tensor kernels on the active backend, at the word-vector reference size
 * (N = 1024 frames = batch 16 × 64 steps, D = 50, H = 100, K = 2 and 5), plus CPU sampling.
 *
 * Run from the repo root: `npx tsx packages/estimator-rnade/bench/bench-loss.ts [--reps 5]`
 * (`RNN_NADE_BACKEND=cpu` for the cpu backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng, initBackend } from '@rnn-nade/core/node';
import { rnade } from '@rnn-nade/estimator-rnade';

const repsArg = process.argv.indexOf('--reps');
const reps = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 5;
const backend = await initBackend({ log: null });

/** Median wall time and median process CPU time (user + system, all threads) per call, ms. */
function time(f: () => void): { wall: number; cpu: number } {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    wall.push(performance.now() - t);
    const dc = process.cpuUsage(c);
    cpu.push((dc.user + dc.system) / 1000);
  }
  const median = (a: number[]) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return { wall: median(wall), cpu: median(cpu) };
}
const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1)} ms (cpu ${t.cpu.toFixed(1)} ms)`;

// On a shared machine the wall time depends on the load; CPU time is the fairer comparison.
console.log(`backend ${backend}, median of ${reps}`);
for (const [N, D, H, K] of [
  [1024, 50, 100, 2],
  [1024, 50, 100, 5],
] as const) {
  for (const kernel of ['js', 'tensor'] as const) {
    const est = rnade({ dim: D, hidden: H, components: K }, { kernel });
    const p = tf.randomNormal([N, est.paramSize], 0, 1, 'float32', 1) as tf.Tensor2D;
    const x = tf.randomNormal([N, D], 0, 0.4, 'float32', 2) as tf.Tensor2D;
    const vars = Object.values(est.weights);
    const fwd = time(() => tf.tidy(() => void est.logProb(p, x).dataSync()));
    const grad = time(() => {
      const { value, grads } = tf.variableGrads(() => tf.mean(est.loss(p, x)) as tf.Scalar, vars);
      value.dataSync();
      tf.dispose([value, ...Object.values(grads)]);
    });
    const one = tf.slice(p, [0, 0], [1, est.paramSize]) as tf.Tensor2D;
    const rng = new Rng(1);
    const sample = time(() => tf.tidy(() => void est.sample(one, { rng, kernel }).dataSync()));
    console.log(
      `${kernel.padEnd(6)} N=${N} D=${D} H=${H} K=${K}: logProb ${fmt(fwd)}, loss+grad ${fmt(grad)} = ${((N / grad.wall) * 1000).toFixed(0)} frames/s, sample 1 frame ${fmt(sample)}`,
    );
    tf.dispose([p, x, one]);
    est.dispose();
  }
}
