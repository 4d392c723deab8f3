import type { SequenceModel } from '../model/sequence-model';
import { ConfigError } from '../util/errors';

/**
 * Throws a `ConfigError` naming `what` when the model's estimator does not model binary frames
 * (frame accuracy, and so every consensus, is defined on notes that are on or off).
 */
export function checkBinaryFrames(model: SequenceModel, what: string): void {
  if (model.estimator.domain !== 'binary') {
    throw new ConfigError(`${what} compares binary frames; this model's estimator (${model.estimator.className}) models ${model.estimator.domain} frames.`);
  }
}
