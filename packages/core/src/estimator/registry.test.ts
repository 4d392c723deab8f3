import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  type DistributionEstimator,
  type EstimatorConfig,
  RnnNadeError,
  UnknownEstimatorError,
  estimatorFromConfig,
  getEstimatorFactory,
  listEstimators,
  registerEstimator,
  unregisterEstimator,
} from '@rnn-nade/core';

/** A stand-in estimator: the registry never calls anything but getConfig here. */
function fake(className: string, config: EstimatorConfig): DistributionEstimator {
  return { className, getConfig: () => config } as unknown as DistributionEstimator;
}

const A = '@acme/estimator-a>A';
const B = '@acme/estimator-b>B';
const fromConfigA = (c: EstimatorConfig) => fake(A, c);

afterEach(() => {
  unregisterEstimator(A);
  unregisterEstimator(B);
});

describe('estimator registry', () => {
  it('registers and looks up by className and by alias', () => {
    registerEstimator({ className: A, alias: 'a', fromConfig: fromConfigA });
    registerEstimator({ className: B, fromConfig: (c) => fake(B, c) });
    expect(getEstimatorFactory(A).className).toBe(A);
    expect(getEstimatorFactory('a').className).toBe(A);
    expect(listEstimators()).toEqual(expect.arrayContaining([A, B]));
    expect(listEstimators()).toEqual([...listEstimators()].sort());
    const est = estimatorFromConfig(A, { dim: 3 });
    expect(est.className).toBe(A);
    expect(est.getConfig()).toEqual({ dim: 3 });
  });

  it('registering the same factory twice is a no-op; a different factory under a taken name throws', () => {
    registerEstimator({ className: A, fromConfig: fromConfigA });
    expect(() => registerEstimator({ className: A, fromConfig: fromConfigA })).not.toThrow();
    expect(() => registerEstimator({ className: A, fromConfig: (c) => fake(A, c) })).toThrow(ConfigError);
    expect(() => registerEstimator({ className: A, fromConfig: (c) => fake(A, c) })).toThrow('An estimator is already registered as "@acme/estimator-a>A".');
  });

  it('rejects class names that are not namespaced', () => {
    for (const bad of ['NADE', '>NADE', 'pkg>', '']) {
      expect(() => registerEstimator({ className: bad, fromConfig: fromConfigA }), bad).toThrow(/must be namespaced/);
    }
  });

  it('an unknown namespaced class names the package to import', () => {
    registerEstimator({ className: A, fromConfig: fromConfigA });
    let error: unknown;
    try {
      estimatorFromConfig('@rnn-nade/estimator-nade>NADE', { dim: 88 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownEstimatorError);
    expect(error).toBeInstanceOf(RnnNadeError);
    const e = error as UnknownEstimatorError;
    expect(e.code).toBe('UNKNOWN_ESTIMATOR');
    expect(e.name).toBe('UnknownEstimatorError');
    expect(e.className).toBe('@rnn-nade/estimator-nade>NADE');
    expect(e.packageName).toBe('@rnn-nade/estimator-nade');
    expect(e.message).toMatch(/Import "@rnn-nade\/estimator-nade" \(npm i @rnn-nade\/estimator-nade\) before loading/);
    expect(e.message).toContain(A); // lists what is registered
  });

  it('a scoped package with ">" in the class part still resolves the package from the last ">"', () => {
    expect(() => getEstimatorFactory('@me/pkg>sub>Cls')).toThrow(/Import "@me\/pkg>sub"/);
  });

  it('an unknown alias (no namespace) explains the naming rule', () => {
    const e = (() => {
      try {
        getEstimatorFactory('rbm');
      } catch (err) {
        return err as UnknownEstimatorError;
      }
      throw new Error('expected a throw');
    })();
    expect(e.packageName).toBeUndefined();
    expect(e.message).toMatch(/Unknown estimator "rbm"\. Class names should be namespaced/);
  });

  it('unregisterEstimator reports whether something was removed', () => {
    registerEstimator({ className: A, fromConfig: fromConfigA });
    expect(unregisterEstimator(A)).toBe(true);
    expect(unregisterEstimator(A)).toBe(false);
    expect(() => getEstimatorFactory(A)).toThrow(UnknownEstimatorError);
  });

  it('is one registry per process, shared through a global symbol', () => {
    registerEstimator({ className: A, fromConfig: fromConfigA });
    const shared = (globalThis as unknown as Record<symbol, Map<string, unknown>>)[Symbol.for('@rnn-nade/core/estimator-registry@v1')];
    expect(shared?.has(A)).toBe(true);
  });
});
