import { describe, expect, it } from 'vitest';
import type { SequenceModel } from '@rnn-nade/core/node';
import { completionConditioning, parseConditioningFlag } from './conditioning';
import { UsageError } from './cli-error';

describe('conditioning flags', () => {
  it('metric:N/D:phraseP adds the bar within phrases of P bars', async () => {
    expect(await parseConditioningFlag('metric:3/4:phrase4,lookback:12:repeats', 'jsb')).toEqual({
      features: [
        { kind: 'metric', stepsPerBeat: 1, beatsPerBar: 3, barsPerPhrase: 4 },
        { kind: 'lookback', lags: [12], repeats: true },
      ],
    });
    expect(await parseConditioningFlag('metric:phrase2', 'jsb')).toEqual({ features: [{ kind: 'metric', stepsPerBeat: 1, beatsPerBar: 4, barsPerPhrase: 2 }] });
    await expect(parseConditioningFlag('metric:phrase0', 'jsb')).rejects.toThrow(UsageError);
    await expect(parseConditioningFlag('metric:phrase', 'jsb')).rejects.toThrow(/unknown item "metric:phrase"/);
  });

  it("complete continues the primer file's own meter into the generated steps", () => {
    // a 3/4 file at 2 steps per quarter (bars of 6 steps) under a 4/4 model meter: the continuation stays in 3/4
    const spec = { features: [{ kind: 'metric' as const, stepsPerBeat: 2, beatsPerBar: 4, barsPerPhrase: 2 }] };
    const model = { conditioning: spec } as unknown as SequenceModel;
    const roll = { steps: { length: 12 }, stepsPerQuarter: 2, timeSignatures: [{ step: 0, numerator: 3, denominator: 4 }] };
    const { primer, sample } = completionConditioning(model, {}, roll, 8);
    const C = 2 + 4 + 2;
    expect(primer.conditioning?.data.length).toBe(12 * C);
    expect(sample.conditioning?.data.length).toBe(8 * C);
    // generated step 0 is step 12 of the file: the downbeat of its third 3/4 bar = bar 0 of the second phrase
    expect([...sample.conditioning!.data.subarray(0, C)]).toEqual([1, 0, 1, 0, 0, 0, 1, 0]);
    // generated step 7 is step 19: bar 3 (phrase bar 1), first beat, its second step
    expect([...sample.conditioning!.data.subarray(7 * C, 8 * C)]).toEqual([0, 1, 1, 0, 0, 0, 0, 1]);
    // generated step 3 is step 15: bar 2, second beat, its second step (a 4/4 bar of 8 steps would put it in bar 1)
    expect([...sample.conditioning!.data.subarray(3 * C, 4 * C)]).toEqual([0, 1, 0, 1, 0, 0, 1, 0]);
    // an unconditioned model gets nothing, and a lookback-only model derives its rows itself
    expect(completionConditioning({ conditioning: null } as unknown as SequenceModel, {}, roll, 8)).toEqual({ primer: {}, sample: {} });
    const lookback = { conditioning: { features: [{ kind: 'lookback', lags: [6], dim: 88 }] } } as unknown as SequenceModel;
    expect(completionConditioning(lookback, {}, roll, 8).sample.conditioning).toBeUndefined();
  });
});
