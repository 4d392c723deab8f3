import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../util/rng';
import { ShapeError } from '../util/errors';
import { clipByGlobalNorm } from './clip';
import type { Optimizer } from './optimizer';
import type { PaddedBatch } from '../model/batches';
import type { TrainableModel } from './train-options';

/** What one update did. */
export interface StepOutcome {
  /** Mean loss per frame of the chunk (before the update). */
  readonly loss: number;
  /** Real frames in the chunk. */
  readonly frames: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Carried encoder state for the next chunk (caller disposes). */
  readonly finalState: tf.Tensor[];
  /** Whether the update was applied (false when the loss or gradient was not finite). */
  readonly applied: boolean;
}

/**
 * One optimisation step on one chunk: `tf.variableGrads` of the mean loss per frame, global-norm
 * clipping, then the optimizer's update. A non-finite loss or gradient leaves the weights
 * untouched (`applied: false`). Leaks no tensors (the returned state belongs to the caller).
 */
export function trainStep(
  model: TrainableModel,
  optimizer: Optimizer,
  batch: PaddedBatch,
  options: { rng: Rng; state: tf.Tensor[] | undefined; learningRate: number; clipNorm: number | null },
): StepOutcome {
  const names = Object.keys(model.variables).sort();
  const byTfName = new Map<string, string>();
  const varList: tf.Variable[] = [];
  for (const name of names) {
    const v = model.variables[name]!;
    if (!v.trainable) continue;
    byTfName.set(v.name, name);
    varList.push(v);
  }
  let frames = 0;
  let finalState: tf.Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const out = model.batchLoss(batch, { training: true, rng: options.rng, state: options.state });
    frames = out.frames;
    finalState = out.finalState;
    return tf.div(out.loss, Math.max(out.frames, 1)) as tf.Scalar;
  }, varList);
  if (finalState.some((t) => t.isDisposed)) {
    value.dispose();
    tf.dispose(grads);
    throw new ShapeError('batchLoss returned a finalState that was disposed inside tf.variableGrads: the model must tf.keep() it.');
  }
  const named: Record<string, tf.Tensor> = {};
  for (const [tfName, g] of Object.entries(grads)) named[byTfName.get(tfName) ?? tfName] = g;
  const loss = (value.dataSync() as Float32Array)[0]!;
  value.dispose();
  return { ...applyGradients(model, optimizer, named, loss, options), frames, finalState };
}

/**
 * The second half of a step, shared by {@link trainStep} and the data-parallel step: global-norm
 * clipping of `grads` (by variable name; disposed here), then the optimizer's update unless the
 * loss or the gradient norm is not finite.
 */
export function applyGradients(
  model: TrainableModel,
  optimizer: Optimizer,
  grads: Record<string, tf.Tensor>,
  loss: number,
  options: { learningRate: number; clipNorm: number | null },
): {
  /** The loss the gradients came from. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** False when the loss or the norm was not finite (weights untouched). */
  applied: boolean;
} {
  const clipped = clipByGlobalNorm(grads, options.clipNorm ?? Infinity);
  tf.dispose(Object.values(grads));
  const applied = Number.isFinite(loss) && Number.isFinite(clipped.norm);
  if (applied) optimizer.apply(model.variables, clipped.grads, options.learningRate);
  tf.dispose(clipped.grads);
  return { loss, gradNorm: clipped.norm, applied };
}

/**
 * Loss per frame of `model` on pre-built chunks, without dropout and without gradients
 * (state carried across the chunks of a batch). A fixed seed keeps stochastic losses repeatable.
 */
export function validationLoss(model: TrainableModel, batches: readonly PaddedBatch[], seed: number): number {
  const rng = new Rng(seed);
  let total = 0;
  let frames = 0;
  let state: tf.Tensor[] | undefined;
  for (const batch of batches) {
    if (batch.reset && state) {
      tf.dispose(state);
      state = undefined;
    }
    const out = model.batchLoss(batch, { training: false, rng, state });
    total += (out.loss.dataSync() as Float32Array)[0]!;
    frames += out.frames;
    out.loss.dispose();
    if (state) tf.dispose(state);
    state = out.finalState;
  }
  if (state) tf.dispose(state);
  return frames > 0 ? total / frames : NaN;
}
