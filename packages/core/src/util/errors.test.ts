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

describe('RnnNadeError.isInstance', () => {
  /** A structural copy of the error classes, as a second installed copy of @rnn-nade/core would define them. */
  function secondCopy() {
    const mark = Symbol.for('rnn-nade.error');
    class CopiedBase extends Error {
      readonly [mark] = true;
      constructor(
        readonly code: string,
        message: string,
      ) {
        super(message);
      }
    }
    class CopiedShape extends CopiedBase {
      constructor(message: string) {
        super('SHAPE', message);
      }
    }
    // the other copy declares them under the same names (the test file cannot, its imports hold those)
    Object.defineProperty(CopiedBase, 'name', { value: 'RnnNadeError' });
    Object.defineProperty(CopiedShape, 'name', { value: 'ShapeError' });
    return { RnnNadeError: CopiedBase, ShapeError: CopiedShape };
  }

  it('recognises errors of another copy of the package by marker and class name, not instanceof', () => {
    const copy = secondCopy();
    const foreign = new copy.ShapeError('from the other copy');
    expect(foreign).not.toBeInstanceOf(RnnNadeError);
    expect(RnnNadeError.isInstance(foreign)).toBe(true);
    expect(ShapeError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(false);
    expect(ShapeError.isInstance(new copy.RnnNadeError('SHAPE', 'base only'))).toBe(false);
  });

  it('matches own subclasses and rejects plain errors and look-alikes', () => {
    expect(RnnNadeError.isInstance(new ConfigError('x'))).toBe(true);
    expect(ConfigError.isInstance(new ConfigError('x'))).toBe(true);
    expect(ShapeError.isInstance(new ConfigError('x'))).toBe(false);
    expect(RnnNadeError.isInstance(new Error('plain'))).toBe(false);
    expect(RnnNadeError.isInstance({ code: 'SHAPE', message: 'duck' })).toBe(false);
    expect(RnnNadeError.isInstance(null)).toBe(false);
    expect(RnnNadeError.isInstance('SHAPE')).toBe(false);
  });

  it('narrows the code to the class union', () => {
    const e: unknown = new ShapeError('x');
    if (ShapeError.isInstance(e)) {
      const code: 'SHAPE' = e.code;
      expect(code).toBe('SHAPE');
    } else expect.unreachable();
  });
});
