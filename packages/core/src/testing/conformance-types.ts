import type { EstimatorConfig } from '../estimator/contract';
import type { EstimatorFactory } from '../estimator/registry';

/** The checks {@link checkEstimator} runs, in order. */
export type ConformanceCheckName = 'contract' | 'normalisation' | 'sampling' | 'temperature' | 'gradient' | 'config-round-trip' | 'weights-round-trip' | 'leak';

/** Every check name, in the order {@link checkEstimator} runs them. */
export const CONFORMANCE_CHECK_NAMES: readonly ConformanceCheckName[] = [
  'contract',
  'normalisation',
  'sampling',
  'temperature',
  'gradient',
  'config-round-trip',
  'weights-round-trip',
  'leak',
];

/** Outcome of one conformance check. */
export interface ConformanceCheck {
  /** Which check. */
  name: ConformanceCheckName;
  /**
   * `'pass'`: the property holds; `'fail'`: it does not (see `detail`); `'skip'`: it does not apply
   * to this estimator (e.g. normalisation when `logProb` is absent) — the detail says why.
   */
  status: 'pass' | 'fail' | 'skip';
  /** Human-readable evidence: the numbers measured, or what went wrong. */
  detail: string;
}

/** Everything {@link checkEstimator} found. */
export interface ConformanceReport {
  /** True when no check failed (skipped checks do not count as failures). */
  passed: boolean;
  /** One entry per check, in {@link CONFORMANCE_CHECK_NAMES} order. */
  checks: ConformanceCheck[];
  /** The failing checks (a subset of `checks`). */
  failures: ConformanceCheck[];
}

/** Grid for the numeric integral of a real-domain density (per dimension, D = 1 or 2). */
export interface RealIntegrationGrid {
  /** Lower end of the grid on every axis. */
  low: number;
  /** Upper end of the grid on every axis. */
  high: number;
  /** Number of grid points per axis (trapezoid rule). */
  points: number;
}

/**
 * Options of {@link checkEstimator}. Every field has a sensible default. `C` is the estimator's
 * config type, so that `factory` is checked against it.
 */
export interface ConformanceOptions<C extends EstimatorConfig = EstimatorConfig> {
  /** Seed of every random draw the kit makes (params, frames, samples). Default 1234. */
  seed?: number;
  /** Number of random `params` rows to test. Default 3. */
  rows?: number;
  /** Samples per params row for the chi-square / moment tests. Default 4000. */
  samples?: number;
  /**
   * Largest accepted relative error `‖g − g_fd‖ / max(‖g‖, ‖g_fd‖, 1e-3)` between analytic and
   * central finite-difference gradients (float32, step 1e-2). Default 2e-2.
   */
  gradientTolerance?: number;
  /**
   * Grid of the numeric integral for real domains (trapezoid rule on `[low, high]^D`). Default
   * `{ low: -10, high: 10, points: 801 }` for D = 1 and 201 points per axis for D = 2.
   */
  realIntegration?: RealIntegrationGrid;
  /** Standard deviation of the random `params` entries. Default 1. */
  paramScale?: number;
  /** Finite-difference step. Default 1e-2 (float32 arithmetic). */
  gradientEpsilon?: number;
  /** At most this many randomly chosen entries per tensor are finite-differenced. Default 24. */
  gradientEntries?: number;
  /** Smallest accepted chi-square p-value (with the fixed seed). Default 1e-3. */
  pValueThreshold?: number;
  /** Largest `D` for which the 2^D binary states are enumerated. Default 10. */
  maxEnumerationDim?: number;
  /** Tolerance of `|Σ p − 1|` for binary domains. Default 1e-4. */
  normalisationTolerance?: number;
  /** Tolerance of `|∫ p − 1|` for real domains. Default 1e-2. */
  integralTolerance?: number;
  /**
   * Set for estimators whose `loss` is a surrogate (e.g. CD-k for an RBM) rather than
   * `-logProb`: the `loss == -logProb` comparison is then not made, and the gradient check
   * excludes finite differences that straddle a jump of a piecewise-smooth surrogate (detected
   * by disagreeing slopes over half steps; at most half the entries may be excluded). Default false.
   */
  surrogateLoss?: boolean;
  /**
   * The factory used by the config round trip. Default: the one registered under the
   * estimator's `className` (see `registerEstimator`); the check fails when there is none.
   */
  factory?: EstimatorFactory<C>;
  /**
   * Whether the `temperature` check applies: samples at temperature 0.5 / 1 / 2 must have
   * increasing entropy (T < 1 sharpens, T > 1 flattens, as the contract's `SampleOptions`
   * documents). Set false for an estimator that documents another meaning; the check is then
   * reported as `'skip'`. Default true.
   */
  temperatureEntropy?: boolean;
  /** Run only these checks (the others are reported as `'skip'`). Default: all. */
  only?: readonly ConformanceCheckName[];
}

/** Options with every default filled in (internal). */
export interface ResolvedConformanceOptions {
  seed: number;
  rows: number;
  samples: number;
  gradientTolerance: number;
  /** Undefined: the default grid for the estimator's D. */
  realIntegration: RealIntegrationGrid | undefined;
  paramScale: number;
  gradientEpsilon: number;
  gradientEntries: number;
  pValueThreshold: number;
  maxEnumerationDim: number;
  normalisationTolerance: number;
  integralTolerance: number;
  surrogateLoss: boolean;
  temperatureEntropy: boolean;
  factory: EstimatorFactory | undefined;
  only: readonly ConformanceCheckName[];
}
