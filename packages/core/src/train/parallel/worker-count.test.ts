import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../util/errors';
import { MIN_AUTO_WEIGHTS, resolveWorkerCount } from './worker-count';

const big = { batchSize: 16, weights: 200_000, backend: 'wasm' };
afterEach(() => {
  delete process.env.RNN_NADE_WORKERS;
});

describe('resolveWorkerCount', () => {
  it('takes an explicit count as is and rejects anything but a positive integer or auto', () => {
    expect(resolveWorkerCount(3, big)).toBe(3);
    expect(() => resolveWorkerCount(0, big)).toThrow(ConfigError);
    expect(() => resolveWorkerCount(1.5, big)).toThrow(/integer >= 1 or 'auto'/);
  });

  it("'auto' uses the cores, capped by batch size / 2, and 1 for small models or the tensorflow backend", () => {
    expect(resolveWorkerCount('auto', big)).toBe(Math.min(availableParallelism(), 8, 8));
    expect(resolveWorkerCount('auto', { ...big, batchSize: 3 })).toBe(1);
    expect(resolveWorkerCount('auto', { ...big, weights: MIN_AUTO_WEIGHTS - 1 })).toBe(1);
    expect(resolveWorkerCount('auto', { ...big, backend: 'tensorflow' })).toBe(1);
  });

  it("RNN_NADE_WORKERS overrides 'auto' (not an explicit count) and is validated", () => {
    process.env.RNN_NADE_WORKERS = '5';
    expect(resolveWorkerCount('auto', { ...big, weights: 10 })).toBe(5);
    expect(resolveWorkerCount(2, big)).toBe(2);
    process.env.RNN_NADE_WORKERS = 'many';
    expect(() => resolveWorkerCount('auto', big)).toThrow(/RNN_NADE_WORKERS="many"/);
  });
});
