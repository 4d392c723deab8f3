import * as tf from '@tensorflow/tfjs-core';
import { disposeState, type EncoderState } from '../encoder/network';
import type { SequenceModel } from '../model/sequence-model';
import type { Rng } from '../util/rng';
import { writeLookbackChannels, type LookbackSlot } from '../conditioning/lookback';
import { consensusFrame } from './consensus';

/** Inputs of the two generation paths (validated by {@link sampleModel}). */
export interface GenerationRequest {
  /** Number of new frames to draw. */
  readonly steps: number;
  /** Primer frames, row-major `[T, D]` (T may be 0). */
  readonly primer: Float32Array;
  /** T, the number of primer frames. */
  readonly primerSteps: number;
  /** Passed to the estimator's sampler. */
  readonly temperature: number;
  /** The only source of randomness of the draws. */
  readonly rng: Rng;
  /** Frames drawn per step; the consensus one is kept ({@link consensusFrame}). 1 = plain sampling. */
  readonly stepDraws: number;
  /** Conditioning channels C per step (0 for an unconditioned model). */
  readonly channels: number;
  /** `[primerSteps + steps, C]` conditioning rows: row t goes with the input that predicts frame t. Empty when C = 0. */
  readonly conditioning: Float32Array;
  /** The derived (lookback) slots of the conditioning, filled step by step from `history`; absent when there are none. */
  readonly derived?: readonly LookbackSlot[];
  /** `[primerSteps + steps, D]`: the primer, then each frame as it is drawn (the paths write it). Present with `derived`. */
  readonly history?: Float32Array;
}

/** Records drawn frame s (of the new ones) in the request's history, for the lookback rows of later steps. */
export function recordFrame(req: GenerationRequest, s: number, frame: Float32Array): void {
  req.history?.set(frame, (req.primerSteps + s) * frame.length);
}

/**
 * The encoder inputs `[n, D + C]` of steps `firstStep .. firstStep + n - 1`: each input frame
 * (`frames` `[n, D]`: frame t-1 for step t) followed by conditioning row t. `frames` itself when C = 0.
 * The derived (lookback) channels of a generated step's row are first written into
 * `req.conditioning` from `req.history` (frames before t only, all drawn by then).
 */
export function withConditioning(req: GenerationRequest, frames: Float32Array, firstStep: number, dim: number): Float32Array {
  const C = req.channels;
  if (C === 0) return frames;
  const n = frames.length / dim;
  const out = new Float32Array(n * (dim + C));
  for (let k = 0; k < n; k++) {
    const t = firstStep + k;
    if (req.history && t >= req.primerSteps) {
      for (const slot of req.derived ?? []) writeLookbackChannels(slot.feature, req.history, t, req.conditioning, t * C + slot.offset);
    }
    out.set(frames.subarray(k * dim, (k + 1) * dim), k * (dim + C));
    out.set(req.conditioning.subarray((firstStep + k) * C, (firstStep + k + 1) * C), k * (dim + C) + dim);
  }
  return out;
}

/**
 * Generation with tensor ops (works on every backend): primes the encoder with
 * [zero frame, primer_0 .. primer_{T-1}] in one chunk, then alternates `estimator.sample` on the
 * last params and one encoder step on the drawn frame. Returns the `steps` new frames `[steps, D]`.
 */
export function generateWithTensors(model: SequenceModel, req: GenerationRequest): Float32Array {
  const D = model.encoderConfig.inputDim;
  const P = model.estimator.paramSize;
  const net = model.network;
  const out = new Float32Array(req.steps * D);
  let state: EncoderState = net.initialState(1);
  const W = D + req.channels;
  const run = (frames: Float32Array, firstStep: number): tf.Tensor2D => {
    const L = frames.length / D;
    let next: EncoderState = [];
    const params = tf.tidy(() => {
      const res = net.forward(tf.tensor3d(withConditioning(req, frames, firstStep, D), [L, 1, W]), state, { training: false });
      next = res.state;
      return tf.slice(res.params, [L - 1, 0], [1, P]) as tf.Tensor2D;
    });
    disposeState(state);
    state = next;
    return params;
  };
  let params: tf.Tensor2D | null = null;
  try {
    const prime = new Float32Array((req.primerSteps + 1) * D);
    prime.set(req.primer, D);
    params = run(prime, 0);
    for (let s = 0; s < req.steps; s++) {
      const p: tf.Tensor2D = params;
      const K = req.stepDraws;
      const frame = tf.tidy(() => model.estimator.sample(K > 1 ? tf.tile(p, [K, 1]) : p, { temperature: req.temperature, rng: req.rng }));
      const drawn = frame.dataSync() as Float32Array;
      frame.dispose();
      const pick = K > 1 ? consensusFrame(drawn, K, D) : 0;
      const data = drawn.subarray(pick * D, (pick + 1) * D);
      out.set(data, s * D);
      recordFrame(req, s, data);
      if (s + 1 < req.steps) {
        params.dispose();
        params = run(data, req.primerSteps + s + 1);
      }
    }
  } finally {
    params?.dispose();
    disposeState(state);
  }
  return out;
}
