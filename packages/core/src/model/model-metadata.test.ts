import { describe, expect, it } from 'vitest';
import { ModelFileError, type JsonValue } from '@rnn-nade/core';
import { validateModelMetadata, type ModelShapeInfo } from '@rnn-nade/core/advanced';

const check =
  (data: JsonValue, model: ModelShapeInfo = { dim: 88, domain: 'binary' }) =>
  () =>
    validateModelMetadata('m', { data }, model);

describe('validateModelMetadata', () => {
  it('accepts what the CLI and the examples write', () => {
    expect(check({ dataset: 'jsb', low: 21, dim: 88, stepsPerQuarter: 1 })).not.toThrow();
    expect(check({ low: 40, stepsPerQuarter: null })).not.toThrow(); // 40..127
    expect(check({ drums: true, low: 0, dim: 9 }, { dim: 9, domain: 'binary' })).not.toThrow();
    expect(check({ kind: 'text', dim: 50 }, { dim: 50, domain: 'real' })).not.toThrow();
    expect(() => validateModelMetadata('m', {}, { dim: 4, domain: 'binary' })).not.toThrow();
  });

  it('refuses what would write wrong output, naming the field', () => {
    const cases: Array<[JsonValue, RegExp]> = [
      [{ low: 202 }, /low = 202 maps the 88 columns to pitches 202\.\.289/],
      [{ low: 41 }, /pitches 41\.\.128/],
      [{ low: '21' }, /low must be an integer/],
      [{ stepsPerQuarter: 0 }, /stepsPerQuarter must be an integer in 1\.\.960/],
      [{ stepsPerQuarter: 4.5 }, /stepsPerQuarter/],
      [{ kind: 'text' }, /kind is "text" but the estimator is binary/],
      [{ dim: 9 }, /dim is 9 but the model's frames have 88 values/],
      [{ low: 21, high: 100 }, /high = 100 but low \+ dim - 1 = 108/],
      [[1, 2], /must be an object/],
    ];
    for (const [data, message] of cases) {
      expect(check(data)).toThrow(ModelFileError);
      expect(check(data)).toThrow(message);
    }
  });
});
