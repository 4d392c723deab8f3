import type { Conditioning, SequenceData } from '../data/sequence';
import type { PaddedBatch } from '../model/batches';
import { ConditioningError } from '../util/errors';
import { conditioningChannels, describeConditioning, type ConditioningSpec } from './spec';

/**
 * Checks that a sequence carries the conditioning a model needs: `channels(spec)` values per step
 * for every step. A model without a spec ignores any conditioning its sequences carry.
 * `where` names the sequence in the message (e.g. `'training sequence 3'`).
 * @throws ConditioningError when the conditioning is missing or does not fit.
 *
 * @example
 * ```ts
 * for (const [i, s] of test.entries()) checkSequenceConditioning(model.conditioning, s, `test sequence ${i}`);
 * ```
 */
export function checkSequenceConditioning(spec: ConditioningSpec | null, seq: SequenceData, where: string): void {
  const C = conditioningChannels(spec);
  if (C === 0) return;
  checkConditioningRows(spec!, seq.conditioning, seq.steps, where);
}

/**
 * Checks conditioning rows against a spec and a step count.
 * @throws ConditioningError when `rows` is missing, has the wrong channel count or the wrong length.
 */
export function checkConditioningRows(spec: ConditioningSpec, rows: Conditioning | undefined, steps: number, where: string): void {
  const C = conditioningChannels(spec);
  if (!rows) {
    throw new ConditioningError(
      `The model is conditioned on ${C} channels (${describeConditioning(spec)}) but ${where} has no conditioning: attach it (e.g. with buildConditioning) or use a loader option that does.`,
    );
  }
  if (rows.channels !== C) {
    throw new ConditioningError(`The model is conditioned on ${C} channels (${describeConditioning(spec)}) but ${where} has ${rows.channels}.`);
  }
  if (rows.data.length !== steps * C) {
    throw new ConditioningError(`The conditioning of ${where} has ${rows.data.length} values, expected ${steps} steps x ${C} channels = ${steps * C}.`);
  }
}

/**
 * Checks that a padded chunk carries the conditioning a model needs (see {@link checkSequenceConditioning}).
 * @throws ConditioningError when the chunk has no conditioning or the wrong channel count.
 */
export function checkBatchConditioning(spec: ConditioningSpec | null, batch: PaddedBatch): void {
  const C = conditioningChannels(spec);
  if (C === 0) return;
  const rows = batch.channels && batch.conditioning ? { channels: batch.channels, data: batch.conditioning } : undefined;
  checkConditioningRows(spec!, rows, batch.batchSize * batch.steps, 'the batch');
}
