/**
 * Benchmarks the NADE loss+gradient formulations at the reference size (N = 16×64 rows, D = 88,
 * H = 100): tfjs autodiff of the plain ops, the tf-ops customGrad, and the fused kernel registered for cpu/wasm.
 * Run: `npm run bench:loss -w @rnn-nade/estimator-nade` or `npx tsx packages/estimator-nade/bench/bench-loss.ts`
 * from the repo root (RNN_NADE_BACKEND=cpu to compare backends; N=... to change the row count).
 * Gradients of the non-NADE ops come from `@rnn-nade/core`, which registers tfjs gradients.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng, initBackend } from '@rnn-nade/core/node';
import { nadeLogProbAutodiff, nadeLossFusedTf } from '../src/nade-tensor-ops';
import { nadeLogProbKernel, nadeLossKernel } from '../src/nade-kernels';

const N = Number(process.env.N ?? 16 * 64);
const D = 88;
const H = 100;
const REPS = Number(process.env.REPS ?? 7);

async function main(): Promise<void> {
  const backend = await initBackend();
  const rng = new Rng(1);
  const params = tf.tensor2d(rng.normals(N * (D + H)), [N, D + H]);
  const x = tf.tensor2d(
    Float32Array.from(rng.uniform(N * D), (u) => (u < 0.045 ? 1 : 0)),
    [N, D],
  );
  const W = tf.variable(
    tf.tensor2d(
      rng.normals(H * D).map((v) => v * 0.1),
      [H, D],
    ),
  );
  const V = tf.variable(
    tf.tensor2d(
      rng.normals(H * D).map((v) => v * 0.1),
      [H, D],
    ),
  );
  const p = tf.variable(params);
  const variants: Record<string, () => tf.Tensor1D> = {
    autodiff: () => tf.neg(nadeLogProbAutodiff(p, x, W, V)),
    'customGrad tf-ops': () => nadeLossFusedTf(p, x, W, V),
    'fused kernel': () => nadeLossKernel(p, x, W, V),
  };
  console.log(`backend ${backend}, N=${N} D=${D} H=${H}, median of ${REPS}, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
  for (const [name, loss] of Object.entries(variants)) {
    const times: number[] = [];
    for (let r = 0; r < REPS; r++) {
      const t0 = performance.now();
      const { value, grads } = tf.variableGrads(() => tf.mean(loss()), [p, W, V]);
      value.dataSync();
      for (const g of Object.values(grads)) g.dataSync();
      times.push(performance.now() - t0);
      tf.dispose([value, ...Object.values(grads)]);
    }
    times.sort((a, b) => a - b);
    console.log(`loss+grad  ${name.padEnd(22)} ${times[REPS >> 1]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)})`);
  }
  const fwd: Record<string, () => tf.Tensor1D> = {
    'tf-ops': () => nadeLogProbAutodiff(p, x, W, V),
    'fused kernel': () => nadeLogProbKernel(p, x, W, V),
  };
  for (const [name, f] of Object.entries(fwd)) {
    const times: number[] = [];
    for (let r = 0; r < REPS; r++) {
      const t0 = performance.now();
      const y = f();
      y.dataSync();
      times.push(performance.now() - t0);
      y.dispose();
    }
    times.sort((a, b) => a - b);
    console.log(`logProb    ${name.padEnd(22)} ${times[REPS >> 1]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)})`);
  }
}

void main();
