import type * as tf from '@tensorflow/tfjs-core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type EncoderConfig,
  type EvaluationResult,
  type JsonValue,
  makeBatches,
  type PaddedBatch,
  type Rng,
  SequenceModel,
  type SequenceData,
} from '@rnn-nade/core';
import type { EncoderState } from '@rnn-nade/core/advanced';

describe('SequenceModel public API (the contract with the trainer and the CLI)', () => {
  it('has the agreed signatures', () => {
    expectTypeOf(SequenceModel.create).returns.toEqualTypeOf<SequenceModel>();
    expectTypeOf<SequenceModel['encoderConfig']>().toEqualTypeOf<EncoderConfig>();
    expectTypeOf<SequenceModel['variables']>().toEqualTypeOf<Readonly<Record<string, tf.Variable>>>();
    expectTypeOf<SequenceModel['batchLoss']>().parameters.toEqualTypeOf<[PaddedBatch, { training: boolean; rng: Rng; state?: EncoderState }]>();
    expectTypeOf<ReturnType<SequenceModel['batchLoss']>>().toEqualTypeOf<{ loss: tf.Scalar; frames: number; finalState: EncoderState }>();
    expectTypeOf<ReturnType<SequenceModel['evaluate']>>().toEqualTypeOf<Promise<EvaluationResult>>();
    expectTypeOf<EvaluationResult['accuracy']>().toEqualTypeOf<number | null>();
    expectTypeOf<ReturnType<SequenceModel['sample']>>().toEqualTypeOf<Promise<SequenceData>>();
    expectTypeOf(SequenceModel.load).returns.resolves.toEqualTypeOf<{ model: SequenceModel; metadata: Record<string, JsonValue> }>();
    expectTypeOf(makeBatches).returns.toEqualTypeOf<PaddedBatch[]>();
    expectTypeOf<EncoderState>().toEqualTypeOf<tf.Tensor[]>();
  });
});
