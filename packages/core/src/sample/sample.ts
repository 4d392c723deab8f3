import type { SequenceData } from '../data/sequence';
import { generateFast } from '../fast/fast-path';
import type { SequenceModel } from '../model/sequence-model';
import { ConfigError, ShapeError } from '../util/errors';
import { Rng } from '../util/rng';
import { generateWithTensors } from './tensor-path';
import { LSTM_SEQUENCE } from '../encoder/lstm-kernel';
import { fusedKernelAvailable } from '../fast/kernel-backend';

/** Options of {@link sampleModel} / `SequenceModel.sample`. */
export interface ModelSampleOptions {
  /** Number of new frames to generate (integer >= 0). */
  steps: number;
  /** Frames to continue; the encoder reads them first. Not included in the result. */
  primer?: SequenceData;
  /** Passed to the estimator's sampler (default 1; each estimator documents what it scales). */
  temperature?: number;
  /** Seed of the draws (default 0): equal seeds give equal samples. */
  seed?: number;
  /**
   * `'auto'` (default): the plain-array fast path when the backend is CPU-side (`cpu`, `wasm`)
   * and the estimator has `createCpuSampler`, else tensor ops. `'tensor'` / `'fast'` force one
   * (`'fast'` throws when the estimator has no `createCpuSampler`).
   */
  path?: 'auto' | 'tensor' | 'fast';
}

/**
 * Generates `steps` new frames from the model, continuing `primer` when given (the encoder
 * first reads a zero frame and the primer, so the first new frame is conditioned on the whole
 * primer). The result holds **only the new frames**; concatenate the primer yourself to get
 * the full piece.
 *
 * @example
 * ```ts
 * const cont = await sampleModel(model, { steps: 32, primer, temperature: 0.9, seed: 3 });
 * ```
 */
export async function sampleModel(model: SequenceModel, options: ModelSampleOptions): Promise<SequenceData> {
  const D = model.encoderConfig.inputDim;
  const { steps } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new ConfigError(`steps must be an integer >= 0, got ${steps}.`);
  const temperature = options.temperature ?? 1;
  if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) {
    throw new ConfigError(`temperature must be a finite number > 0, got ${temperature}.`);
  }
  const primer = options.primer;
  if (primer && (primer.dim !== D || primer.data.length !== primer.steps * primer.dim)) {
    throw new ShapeError(`The primer has frame size ${primer.dim} (${primer.data.length} values for ${primer.steps} steps); the model expects ${D}.`);
  }
  const path = options.path ?? 'auto';
  if (!['auto', 'tensor', 'fast'].includes(path)) throw new ConfigError(`Unknown sampling path "${path}".`);
  const hasFast = typeof model.estimator.createCpuSampler === 'function';
  if (path === 'fast' && !hasFast) {
    throw new ConfigError(`Estimator "${model.estimator.className}" has no createCpuSampler, so the fast path is unavailable.`);
  }
  // the fast path is the sampling side of the fused kernels: used wherever they are registered
  const useFast = path === 'fast' || (path === 'auto' && hasFast && fusedKernelAvailable(LSTM_SEQUENCE));
  if (steps === 0) return { steps: 0, dim: D, data: new Float32Array(0) };
  const req = {
    steps,
    primer: primer?.data ?? new Float32Array(0),
    primerSteps: primer?.steps ?? 0,
    temperature,
    rng: new Rng(options.seed ?? 0),
  };
  const data = useFast ? generateFast(model, req) : generateWithTensors(model, req);
  return { steps, dim: D, data };
}
