import type { SequenceModel } from '../model/sequence-model';
import { consensusFrame } from '../sample/consensus';
import { recordFrame, withConditioning, type GenerationRequest } from '../sample/tensor-path';
import { ConfigError } from '../util/errors';
import { CpuNetwork } from './cpu-network';

/** A {@link CpuNetwork} with a snapshot of the model's current encoder and projection weights. */
export function cpuNetworkOf(model: SequenceModel): CpuNetwork {
  const weights: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(model.variables)) {
    if (!name.startsWith('estimator/')) weights[name] = v.dataSync() as Float32Array;
  }
  return new CpuNetwork(model.encoderConfig, model.estimator.paramSize, weights);
}

/**
 * Generation with no tensor op per step: {@link CpuNetwork} for the encoder and the estimator's
 * `createCpuSampler()` for the frame. Consumes the rng exactly as the tensor path does when the
 * estimator's CPU sampler mirrors its tensor sampler, so both give the same frames for a seed.
 */
export function generateFast(model: SequenceModel, req: GenerationRequest): Float32Array {
  const est = model.estimator;
  if (!est.createCpuSampler) throw new ConfigError(`Estimator "${est.className}" has no createCpuSampler.`);
  const sampler = est.createCpuSampler();
  const net = cpuNetworkOf(model);
  const D = model.encoderConfig.inputDim;
  const out = new Float32Array(req.steps * D);
  // input of step t: frame t-1 (zeros at t = 0), then conditioning row t when the model has one
  const input = (frame: Float32Array, t: number) => (req.channels === 0 ? frame : withConditioning(req, frame, t, D));
  let params = net.step(input(new Float32Array(D), 0));
  for (let t = 0; t < req.primerSteps; t++) params = net.step(input(req.primer.subarray(t * D, (t + 1) * D), t + 1));
  const K = req.stepDraws;
  const draws = new Float32Array(K * D);
  for (let s = 0; s < req.steps; s++) {
    for (let k = 0; k < K; k++) sampler.sample(params, draws.subarray(k * D, (k + 1) * D), { temperature: req.temperature, rng: req.rng });
    const pick = K > 1 ? consensusFrame(draws, K, D) : 0;
    const frame = draws.subarray(pick * D, (pick + 1) * D);
    out.set(frame, s * D);
    recordFrame(req, s, frame);
    if (s + 1 < req.steps) params = net.step(input(frame, req.primerSteps + s + 1));
  }
  return out;
}
