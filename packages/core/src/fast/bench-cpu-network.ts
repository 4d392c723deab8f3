/**
 * Benchmark (not a test): 1,000 generation steps of the encoder + projection on the fast path
 * (CpuNetwork, plain Float32Arrays) at the reference size (LSTM 150, D = 88, params 188 =
 * NADE's b + c). The estimator's own sampling cost comes on top. Run from the repo root:
 *   npx tsx packages/core/src/fast/bench-cpu-network.ts [--layers 1] [--attention 0]
 */
import { parseArgs } from 'node:util';
import { resolveEncoderConfig } from '../encoder/config';
import { encoderWeightShapes, initEncoderWeights } from '../encoder/weights';
import { Rng } from '../util/rng';
import { CpuNetwork } from './cpu-network';

const { values } = parseArgs({
  options: { layers: { type: 'string', default: '1' }, attention: { type: 'string', default: '0' }, steps: { type: 'string', default: '1000' } },
});
const cfg = resolveEncoderConfig({ inputDim: 88, hidden: 150, layers: Number(values.layers), attentionWindow: Number(values.attention) });
const P = 188;
const net = new CpuNetwork(cfg, P, initEncoderWeights(cfg, P, new Rng(1)));
void encoderWeightShapes;
const rng = new Rng(2);
const frame = new Float32Array(88);
const run = (steps: number) => {
  net.reset();
  for (let s = 0; s < steps; s++) {
    frame.fill(0);
    for (let k = 0; k < 4; k++) frame[rng.int(88)] = 1; // ~4 notes per frame, as in chorales
    net.step(frame);
  }
};
run(200);
const steps = Number(values.steps);
const t0 = performance.now();
run(steps);
const ms = performance.now() - t0;
console.log(JSON.stringify({ layers: cfg.layers, attention: cfg.attentionWindow, steps, ms: +ms.toFixed(1), usPerStep: +((ms * 1000) / steps).toFixed(1) }));
