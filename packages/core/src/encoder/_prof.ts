import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend/select';
import { Rng } from '../util/rng';
import { resolveEncoderConfig } from './config';
import { EncoderNetwork, disposeState } from './network';
import { createVariables, encoderWeightShapes, initEncoderWeights } from './weights';
await initBackend({ log: null });
const D = 88, B = 16, L = 64;
const cfg = resolveEncoderConfig({ inputDim: D, hidden: 150, attentionWindow: Number(process.env.ATT ?? 0) });
const vars = createVariables(initEncoderWeights(cfg, 188, new Rng(1)), encoderWeightShapes(cfg, 188));
const net = new EncoderNetwork(cfg, 188, vars);
const rng = new Rng(2);
const x = tf.tensor3d(Float32Array.from({ length: L * B * D }, () => (rng.next() < 0.05 ? 1 : 0)), [L, B, D]);
const step = () => {
  const state = net.initialState(B);
  const { value, grads } = tf.variableGrads(() => {
    const out = net.forward(x, state, { training: true, rng });
    disposeState(out.state);
    return tf.sum(tf.square(out.params)) as tf.Scalar;
  }, Object.values(vars));
  value.dataSync(); tf.dispose([value, ...Object.values(grads)]); disposeState(state);
};
step(); step();
const t0 = performance.now(); for (let i = 0; i < 5; i++) step(); console.log('step ms', (performance.now() - t0) / 5);
const prof = await tf.profile(() => step());
const agg = new Map<string, [number, number]>();
for (const k of prof.kernels) { const a = agg.get(k.name) ?? [0, 0]; a[0]++; a[1] += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0; agg.set(k.name, a); }
console.log('kernels', prof.kernels.length);
console.log([...agg.entries()].sort((a, b) => b[1][1] - a[1][1]).slice(0, 14).map(([n, [c, ms]]) => `${n} x${c} ${ms.toFixed(1)}ms`).join('\n'));
const mm = prof.kernels.filter((k) => k.name === 'BatchMatMul').map((k) => `${JSON.stringify(k.inputShapes)} ${(k.kernelTimeMs as number).toFixed(2)}`);
console.log([...new Set(mm)].slice(0, 40).join('\n'));
