/**
 * Benchmark (not a test): forward + backward of the encoder's recurrent part at the reference
 * training size (LSTM 150, D = 88, batch 16, 64 steps). Run from the repo root:
 *   npx tsx packages/core/src/encoder/bench-lstm.ts [--cell lstm|rnn] [--impl auto|tensor|cpu] [--layers 1] [--attention 0] [--backend wasm]
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { initBackend } from '../backend/select';
import { Rng } from '../util/rng';
import { resolveEncoderConfig, type EncoderCell } from './config';
import { setEncoderImplementation, type EncoderImplementation } from './implementation';
import { EncoderNetwork, disposeState } from './network';
import { createVariables, encoderWeightShapes, initEncoderWeights } from './weights';

const { values } = parseArgs({
  options: {
    cell: { type: 'string', default: 'lstm' },
    impl: { type: 'string', default: 'auto' },
    layers: { type: 'string', default: '1' },
    attention: { type: 'string', default: '0' },
    hidden: { type: 'string', default: '150' },
    batch: { type: 'string', default: '16' },
    steps: { type: 'string', default: '64' },
    iters: { type: 'string', default: '20' },
    backend: { type: 'string' },
  },
});
const backend = await initBackend({ backend: values.backend, log: null });
setEncoderImplementation(values.impl as EncoderImplementation);
const D = 88;
const B = Number(values.batch);
const L = Number(values.steps);
const cfg = resolveEncoderConfig({
  inputDim: D,
  cell: values.cell as EncoderCell,
  hidden: Number(values.hidden),
  layers: Number(values.layers),
  attentionWindow: Number(values.attention),
});
const P = 88;
const vars = createVariables(initEncoderWeights(cfg, P, new Rng(1)), encoderWeightShapes(cfg, P));
const net = new EncoderNetwork(cfg, P, vars);
const rng = new Rng(2);
const x = tf.tensor3d(
  Float32Array.from({ length: L * B * D }, () => (rng.next() < 0.05 ? 1 : 0)),
  [L, B, D],
);
const varList = Object.values(vars);

function step(): number {
  const state = net.initialState(B);
  const { value, grads } = tf.variableGrads(() => {
    const out = net.forward(x, state, { training: true, rng });
    disposeState(out.state);
    return tf.sum(tf.square(out.params)) as tf.Scalar;
  }, varList);
  const v = value.dataSync()[0]!;
  for (const g of Object.values(grads)) g.dataSync();
  value.dispose();
  tf.dispose(Object.values(grads));
  disposeState(state);
  return v;
}
function forwardOnly(): void {
  const state = net.initialState(B);
  tf.tidy(() => {
    const out = net.forward(x, state, { training: false });
    out.params.dataSync();
    disposeState(out.state);
  });
  disposeState(state);
}
for (let i = 0; i < 3; i++) step();
const iters = Number(values.iters);
/** Median and minimum wall time (the machine is shared: the minimum is the least disturbed run). */
function timeIt(f: () => void): { median: number; min: number } {
  const ts: number[] = [];
  for (let i = 0; i < iters; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return { median: +ts[Math.floor(ts.length / 2)]!.toFixed(1), min: +ts[0]!.toFixed(1) };
}
const fwd = timeIt(forwardOnly);
const both = timeIt(step);
console.log(
  JSON.stringify({
    backend,
    cell: cfg.cell,
    impl: values.impl,
    hidden: cfg.hidden,
    layers: cfg.layers,
    attention: cfg.attentionWindow,
    batch: B,
    steps: L,
    forwardMs: fwd,
    forwardBackwardMs: both,
    tensors: tf.memory().numTensors,
  }),
);
