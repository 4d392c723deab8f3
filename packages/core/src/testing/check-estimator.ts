import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator, EstimatorConfig } from '../estimator/contract';
import type { EstimatorFactory } from '../estimator/registry';
import { activeBackend, initBackend } from '../backend/select';
import { ConfigError } from '../util/errors';
import {
  CONFORMANCE_CHECK_NAMES,
  type ConformanceCheck,
  type ConformanceCheckName,
  type ConformanceOptions,
  type ConformanceReport,
  type ResolvedConformanceOptions,
} from './conformance-types';
import { checkContract } from './check-contract';
import { checkGradient } from './check-gradient';
import { checkLeak } from './check-leak';
import { checkNormalisation } from './check-normalisation';
import { checkConfigRoundTrip, checkWeightsRoundTrip } from './check-round-trip';
import { checkSampling } from './check-sampling';
import { checkTemperature } from './check-temperature';
import { type CheckOutcome, errorMessage } from './kit-helpers';

type Check = (create: () => DistributionEstimator, opts: ResolvedConformanceOptions) => Promise<CheckOutcome>;

const CHECKS: Record<ConformanceCheckName, Check> = {
  contract: checkContract,
  normalisation: checkNormalisation,
  sampling: checkSampling,
  temperature: checkTemperature,
  gradient: checkGradient,
  'config-round-trip': checkConfigRoundTrip,
  'weights-round-trip': checkWeightsRoundTrip,
  leak: checkLeak,
};

/**
 * Runs the estimator conformance kit: every check of docs/design.md that applies to the estimator,
 * each on fresh estimators from `create` (disposed afterwards), on the active tfjs backend
 * (`initBackend()` is called when none was selected yet).
 *
 * | check | what it proves |
 * |---|---|
 * | `contract` | identity fields, `paramLayout` sums to `paramSize`, weights are variables, JSON config, shapes `[N]` / `[N,D]`, finite values, mis-shaped input rejected |
 * | `normalisation` | binary: Σ over all 2^D states of p = 1 (±1e-4, D ≤ 10); real: ∫ p ≈ 1 on a grid (±1e-2, D ≤ 2); `loss == -logProb` |
 * | `sampling` | reproducible for equal seeds; chi-square of sample frequencies vs p (binary) or mean/variance z-tests (real); same for the `CpuSampler` |
 * | `temperature` | samples at T = 0.5 / 1 / 2 are valid and their entropy increases with T (T < 1 sharpens, T > 1 flattens); same for the `CpuSampler` |
 * | `gradient` | `tf.variableGrads` of Σ loss vs central finite differences, w.r.t. params and every weight |
 * | `config-round-trip` | `fromConfig(getConfig())` gives an equal config and, with copied weights, identical outputs |
 * | `weights-round-trip` | float32 LE weights loaded into a fresh estimator give identical outputs |
 * | `leak` | `tf.memory().numTensors` unchanged by every method; `dispose()` frees everything |
 *
 * When `logProb` is absent (an RBM), probability-based checks are reported as `'skip'` with the
 * reason — the kit tells, rather than fails. A failing or throwing estimator never makes this
 * function throw: it is reported. Invalid options throw a `ConfigError`.
 *
 * @param create builds a fresh estimator with small dimensions (e.g. D = 4..8) each time it is called.
 * @example
 * ```ts
 * import { checkEstimator } from '@rnn-nade/core/testing';
 * import { Nade } from '@rnn-nade/estimator-nade';
 *
 * const report = await checkEstimator(() => new Nade({ dim: 6, hidden: 5, seed: 1 }));
 * if (!report.passed) throw new Error(report.failures.map((f) => `${f.name}: ${f.detail}`).join('\n'));
 * ```
 */
export async function checkEstimator<C extends EstimatorConfig = EstimatorConfig>(
  create: () => DistributionEstimator,
  options: ConformanceOptions<C> = {},
): Promise<ConformanceReport> {
  if (typeof create !== 'function') throw new ConfigError('checkEstimator(create): create must be a function returning an estimator.');
  const opts = resolveOptions(options);
  if (!activeBackend() && !tf.engine().backendName) await initBackend();
  const checks: ConformanceCheck[] = [];
  for (const name of CONFORMANCE_CHECK_NAMES) {
    if (!opts.only.includes(name)) {
      checks.push({ name, status: 'skip', detail: 'not selected (options.only).' });
      continue;
    }
    try {
      const { status, detail } = await CHECKS[name](create, opts);
      checks.push({ name, status, detail });
    } catch (e) {
      checks.push({ name, status: 'fail', detail: errorMessage(e) });
    }
  }
  const failures = checks.filter((c) => c.status === 'fail');
  return { passed: failures.length === 0, checks, failures };
}

/** The report of {@link checkEstimatorConfigs} for one config. */
export interface ConfigConformanceReport<C extends EstimatorConfig = EstimatorConfig> extends ConformanceReport {
  /** The config the estimators of this report were built from. */
  readonly config: C;
}

/**
 * Runs {@link checkEstimator} once per config, each on estimators built by `factory.fromConfig`
 * (edge cases such as one mixture component, one hidden unit or D = 1 break estimators that pass
 * at the usual sizes). The factory also serves the config round trip.
 *
 * @example
 * ```ts
 * import { checkEstimatorConfigs } from '@rnn-nade/core/testing';
 *
 * const reports = await checkEstimatorConfigs(myFactory, [{ dim: 4, components: 1 }, { dim: 3, components: 3 }]);
 * for (const r of reports) expect(r.failures, `${JSON.stringify(r.config)}\n${formatConformanceReport(r)}`).toEqual([]);
 * ```
 */
export async function checkEstimatorConfigs<C extends EstimatorConfig>(
  factory: EstimatorFactory<C>,
  configs: readonly C[],
  options: Omit<ConformanceOptions<C>, 'factory'> = {},
): Promise<ConfigConformanceReport<C>[]> {
  if (!factory || typeof factory.fromConfig !== 'function') throw new ConfigError('checkEstimatorConfigs(factory, configs): factory must have fromConfig.');
  if (!Array.isArray(configs) || configs.length === 0) throw new ConfigError('checkEstimatorConfigs(factory, configs): configs must be a non-empty array.');
  const reports: ConfigConformanceReport<C>[] = [];
  for (const config of configs) {
    reports.push({ config, ...(await checkEstimator(() => factory.fromConfig(config), { ...options, factory })) });
  }
  return reports;
}

/** Formats a report as one line per check, for test failure messages and logs. */
export function formatConformanceReport(report: ConformanceReport): string {
  return report.checks.map((c) => `${c.status.toUpperCase().padEnd(4)} ${c.name}: ${c.detail}`).join('\n');
}

function resolveOptions<C extends EstimatorConfig>(o: ConformanceOptions<C>): ResolvedConformanceOptions {
  const num = (name: keyof ConformanceOptions, v: number | undefined, def: number, ok: (x: number) => boolean, rule: string) => {
    if (v === undefined) return def;
    if (typeof v !== 'number' || !ok(v)) throw new ConfigError(`checkEstimator option ${name} must be ${rule}, got ${String(v)}.`);
    return v;
  };
  const int = (x: number) => Number.isInteger(x);
  const pos = (x: number) => Number.isFinite(x) && x > 0;
  const grid = o.realIntegration;
  if (grid !== undefined) {
    const okGrid =
      grid &&
      Number.isFinite(grid.low) &&
      Number.isFinite(grid.high) &&
      grid.high > grid.low &&
      Number.isInteger(grid.points) &&
      grid.points >= 3 &&
      grid.points <= 100_000;
    if (!okGrid) throw new ConfigError(`checkEstimator option realIntegration must be { low < high, points: integer 3..100000 }, got ${JSON.stringify(grid)}.`);
  }
  const only = o.only ?? CONFORMANCE_CHECK_NAMES;
  for (const n of only) {
    if (!CONFORMANCE_CHECK_NAMES.includes(n)) {
      throw new ConfigError(`checkEstimator option only: unknown check "${String(n)}"; valid: ${CONFORMANCE_CHECK_NAMES.join(', ')}.`);
    }
  }
  return {
    seed: num('seed', o.seed, 1234, int, 'an integer'),
    rows: num('rows', o.rows, 3, (x) => int(x) && x >= 1 && x <= 1000, 'an integer in 1..1000'),
    samples: num('samples', o.samples, 4000, (x) => int(x) && x >= 10 && x <= 1_000_000, 'an integer in 10..1e6'),
    gradientTolerance: num('gradientTolerance', o.gradientTolerance, 2e-2, pos, 'a positive number'),
    realIntegration: grid,
    paramScale: num('paramScale', o.paramScale, 1, (x) => Number.isFinite(x) && x >= 0, 'a finite number >= 0'),
    gradientEpsilon: num('gradientEpsilon', o.gradientEpsilon, 1e-2, pos, 'a positive number'),
    gradientEntries: num('gradientEntries', o.gradientEntries, 24, (x) => int(x) && x >= 1, 'a positive integer'),
    pValueThreshold: num('pValueThreshold', o.pValueThreshold, 1e-3, (x) => x > 0 && x < 1, 'in (0, 1)'),
    maxEnumerationDim: num('maxEnumerationDim', o.maxEnumerationDim, 10, (x) => int(x) && x >= 1 && x <= 16, 'an integer in 1..16'),
    normalisationTolerance: num('normalisationTolerance', o.normalisationTolerance, 1e-4, pos, 'a positive number'),
    integralTolerance: num('integralTolerance', o.integralTolerance, 1e-2, pos, 'a positive number'),
    surrogateLoss: o.surrogateLoss ?? false,
    temperatureEntropy: o.temperatureEntropy ?? true,
    factory: o.factory as EstimatorFactory | undefined,
    only,
  };
}
