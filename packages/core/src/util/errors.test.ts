import { describe, expect, it } from 'vitest';
import { ConfigError, NonFiniteLossError, RnnNadeError, ShapeError, UnknownEstimatorError } from '@rnn-nade/core';

describe('typed errors', () => {
  it('carry a stable code, their class name, and are RnnNadeErrors', () => {
    const cases: [RnnNadeError, string, string][] = [
      [new ShapeError('bad shape'), 'SHAPE', 'ShapeError'],
      [new ConfigError('bad option'), 'CONFIG', 'ConfigError'],
      [new NonFiniteLossError('nan'), 'NON_FINITE_LOSS', 'NonFiniteLossError'],
      [new UnknownEstimatorError('@x/y>Z', '@x/y', []), 'UNKNOWN_ESTIMATOR', 'UnknownEstimatorError'],
    ];
    for (const [e, code, name] of cases) {
      expect(e).toBeInstanceOf(RnnNadeError);
      expect(e).toBeInstanceOf(Error);
      expect(e.code).toBe(code);
      expect(e.name).toBe(name);
      expect(String(e)).toMatch(new RegExp(`^${name}: `));
    }
    expect(new UnknownEstimatorError('@x/y>Z', '@x/y', []).message).toMatch(/Registered: \(none\)\./);
  });

  it('keeps the cause', () => {
    const cause = new Error('disk full');
    expect(new RnnNadeError('IO', 'could not save', { cause }).cause).toBe(cause);
  });
});
