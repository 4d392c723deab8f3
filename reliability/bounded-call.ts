import { expect } from 'vitest';

/** Hang guards of one call: generous bounds on wall time and on the growth of peak memory. */
export interface Bounds {
  /** Wall-clock limit in milliseconds (default 5,000). */
  readonly ms?: number;
  /** Limit on how far the process's peak RSS may rise during the call, in MB (default 300). */
  readonly mb?: number;
}

/** What a call did: its result or error, its time and how far it raised the peak RSS. */
export interface Measured<T> {
  /** The value, when the call returned. */
  readonly value?: T;
  /** The error, when it threw. */
  readonly error?: unknown;
  /** Wall time in milliseconds. */
  readonly ms: number;
  /** Rise of the process's peak resident set size (`maxRSS`) during the call, in MB. */
  readonly peakGrowthMb: number;
}

/** Runs `fn` and measures it (the peak RSS is the kernel's high-water mark, so short spikes count). */
export async function measure<T>(fn: () => T | Promise<T>): Promise<Measured<T>> {
  const peak0 = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  let value: T | undefined;
  let error: unknown;
  try {
    value = await fn();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  const peakGrowthMb = (process.resourceUsage().maxRSS - peak0) / 1024;
  return error === undefined ? { value, ms, peakGrowthMb } : { error, ms, peakGrowthMb };
}

/**
 * Asserts that `fn` fails with an instance of `type` whose message matches `message`, within the
 * time and memory bounds. Returns the error for further checks.
 */
export async function expectBoundedFailure<E extends Error>(
  fn: () => unknown,
  type: abstract new (...args: never[]) => E,
  message: RegExp,
  bounds: Bounds = {},
): Promise<E> {
  const m = await measure(fn);
  expect(m.error, `expected ${type.name}, the call returned`).toBeDefined();
  expect(m.error).toBeInstanceOf(type);
  expect((m.error as Error).message).toMatch(message);
  expect(m.ms).toBeLessThan(bounds.ms ?? 5000);
  expect(m.peakGrowthMb).toBeLessThan(bounds.mb ?? 300);
  return m.error as E;
}
