import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigError,
  type DistributionEstimator,
  type EstimatorConfig,
  type EstimatorFactory,
  initBackend,
  registerEstimator,
  unregisterEstimator,
} from '@rnn-nade/core';
import {
  type ConformanceCheckName,
  type ConformanceOptions,
  type ConformanceReport,
  checkEstimator,
  checkEstimatorConfigs,
  formatConformanceReport,
} from '@rnn-nade/core/testing';
import * as broken from './__fixtures__/broken-estimators';
import { REFERENCE_BERNOULLI, ReferenceBernoulli, type ReferenceBernoulliConfig } from './__fixtures__/reference-bernoulli';
import { REFERENCE_GAUSSIAN, ReferenceGaussian, UnnormalisedGaussian, WideSamplerGaussian } from './__fixtures__/reference-gaussian';

type Ctor = new (config: ReferenceBernoulliConfig) => DistributionEstimator;
const CONFIG: ReferenceBernoulliConfig = { dim: 4, seed: 7 };

/** Runs the kit on `Cls`, with a factory that rebuilds `Cls` (the broken classes share one className). */
function run(Cls: Ctor, options: ConformanceOptions = {}, config: ReferenceBernoulliConfig = CONFIG): Promise<ConformanceReport> {
  const factory: EstimatorFactory = { className: REFERENCE_BERNOULLI, fromConfig: (c: EstimatorConfig) => new Cls(c as ReferenceBernoulliConfig) };
  return checkEstimator(() => new Cls(config), { factory, ...options });
}

function statuses(report: ConformanceReport): Record<ConformanceCheckName, string> {
  return Object.fromEntries(report.checks.map((c) => [c.name, c.status])) as Record<ConformanceCheckName, string>;
}

function detail(report: ConformanceReport, name: ConformanceCheckName): string {
  return report.checks.find((c) => c.name === name)!.detail;
}

const ALL_PASS = {
  contract: 'pass',
  normalisation: 'pass',
  sampling: 'pass',
  temperature: 'pass',
  gradient: 'pass',
  'config-round-trip': 'pass',
  'weights-round-trip': 'pass',
  leak: 'pass',
};

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('checkEstimator on correct estimators', () => {
  beforeAll(() => {
    registerEstimator({ className: REFERENCE_BERNOULLI, fromConfig: (c) => new ReferenceBernoulli(c as ReferenceBernoulliConfig) });
    registerEstimator({ className: REFERENCE_GAUSSIAN, fromConfig: (c) => new ReferenceGaussian(c as ReferenceBernoulliConfig) });
  });
  afterAll(() => {
    unregisterEstimator(REFERENCE_BERNOULLI);
    unregisterEstimator(REFERENCE_GAUSSIAN);
  });

  it('passes every check for the reference Bernoulli (registered factory) without leaking', async () => {
    const before = tf.memory().numTensors;
    const report = await checkEstimator(() => new ReferenceBernoulli({ dim: 5, seed: 3 }));
    expect(tf.memory().numTensors).toBe(before);
    expect(statuses(report), formatConformanceReport(report)).toEqual(ALL_PASS);
    expect(report.passed).toBe(true);
    expect(report.failures).toEqual([]);
    if (process.env.RNN_NADE_PRINT_REPORTS) console.log(formatConformanceReport(report));
    const sums = /sum over all 2\^5 states = ([\d., ]+) for 3 params rows/.exec(detail(report, 'normalisation'));
    expect(sums).not.toBeNull();
    const values = sums![1]!.split(', ').map(Number);
    expect(values).toHaveLength(3);
    for (const v of values) expect(Math.abs(v - 1)).toBeLessThan(1e-5);
    expect(detail(report, 'sampling')).toMatch(/6 chi-square tests/); // 3 rows × (tensor sampler + CpuSampler)
    expect(detail(report, 'gradient')).toMatch(/worst relative error/);
  });

  it('passes every check for a real-domain reference in 1-D and 2-D', async () => {
    for (const dim of [1, 2]) {
      const before = tf.memory().numTensors;
      const report = await checkEstimator(() => new ReferenceGaussian({ dim, seed: 5 }), { samples: 3000 });
      expect(tf.memory().numTensors).toBe(before);
      expect(statuses(report), formatConformanceReport(report)).toEqual(ALL_PASS);
      const masses = new RegExp(`integral over \\[-10, 10\\]\\^${dim} = ([\\d., ]+) for 3 params rows`).exec(detail(report, 'normalisation'));
      for (const m of masses![1]!.split(', ').map(Number)) expect(Math.abs(m - 1)).toBeLessThan(1e-3);
      expect(detail(report, 'sampling')).toMatch(/moment tests/);
    }
  });

  it('reports a missing factory as a config-round-trip failure that says how to fix it', async () => {
    const report = await checkEstimator(() => new ReferenceBernoulli({ dim: 3, seed: 1 }), { only: ['config-round-trip'] });
    // registered above, so this passes; unregistered below
    expect(statuses(report)['config-round-trip']).toBe('pass');
    unregisterEstimator(REFERENCE_BERNOULLI);
    const missing = await checkEstimator(() => new ReferenceBernoulli({ dim: 3, seed: 1 }), { only: ['config-round-trip'] });
    expect(missing.passed).toBe(false);
    expect(detail(missing, 'config-round-trip')).toMatch(/registerEstimator it, or pass options.factory/);
    expect(statuses(missing).contract).toBe('skip');
    registerEstimator({ className: REFERENCE_BERNOULLI, fromConfig: (c) => new ReferenceBernoulli(c as ReferenceBernoulliConfig) });
  });
});

describe('checkEstimator catches broken estimators', () => {
  it('unnormalised: normalisation fails, nothing else', async () => {
    const r = await run(broken.UnnormalisedBernoulli);
    expect(statuses(r)).toEqual({ ...ALL_PASS, normalisation: 'fail' });
    expect(detail(r, 'normalisation')).toMatch(/sum of exp\(logProb\) over all 2\^4 states is 1\.10517/);
    expect(r.failures.map((f) => f.name)).toEqual(['normalisation']);
  });

  it('leaking logProb: leak fails and names the method', async () => {
    const r = await run(broken.LeakyBernoulli, { only: ['leak', 'contract'] });
    expect(statuses(r).contract).toBe('pass');
    expect(statuses(r).leak).toBe('fail');
    expect(detail(r, 'leak')).toMatch(/logProb leaks 1 tensor/);
  });

  it('dispose() that keeps its variables: leak fails', async () => {
    const r = await run(broken.UndisposedBernoulli, { only: ['leak'] });
    expect(detail(r, 'leak')).toMatch(/dispose\(\) leaves 1 of the 1 tensor/);
    expect(r.passed).toBe(false);
  });

  it('wrong custom gradient: gradient fails, loss values still fine', async () => {
    const r = await run(broken.WrongGradientBernoulli);
    expect(statuses(r)).toEqual({ ...ALL_PASS, gradient: 'fail' });
    expect(detail(r, 'gradient')).toMatch(/relative error 0\.[34]\d* > 0\.02/);
  });

  it('sampler that ignores the probabilities: sampling fails (chi-square)', async () => {
    const r = await run(broken.CoinFlipSamplerBernoulli);
    expect(statuses(r)).toEqual({ ...ALL_PASS, sampling: 'fail', temperature: 'fail' });
    expect(detail(r, 'temperature')).toMatch(/^sample: the entropy of samples does not increase with the temperature/);
    expect(detail(r, 'sampling')).toMatch(/samples do not match exp\(logProb\): sample row \d: chi2/);
  });

  it('sampler that ignores the temperature: only the temperature check fails, and temperatureEntropy: false skips it', async () => {
    const r = await run(broken.TemperatureBlindBernoulli);
    expect(statuses(r), formatConformanceReport(r)).toEqual({ ...ALL_PASS, temperature: 'fail' });
    expect(detail(r, 'temperature')).toMatch(/H\(T=0\.5\) ([\d.]+), H\(T=1\) \1, H\(T=2\) \1 nats/);
    const skipped = await run(broken.TemperatureBlindBernoulli, { temperatureEntropy: false, only: ['temperature'] });
    expect(statuses(skipped).temperature).toBe('skip');
    expect(detail(skipped, 'temperature')).toMatch(/temperatureEntropy: false/);
  });

  it('checkEstimatorConfigs runs the kit once per config and names the config that breaks', async () => {
    const factory: EstimatorFactory<ReferenceBernoulliConfig> = {
      className: REFERENCE_BERNOULLI,
      fromConfig: (c) => (c.dim === 1 ? new broken.CoinFlipSamplerBernoulli(c) : new ReferenceBernoulli(c)),
    };
    const reports = await checkEstimatorConfigs(
      factory,
      [
        { dim: 3, seed: 1 },
        { dim: 1, seed: 2 },
      ],
      { only: ['sampling'] },
    );
    expect(reports.map((r) => [r.config.dim, r.passed])).toEqual([
      [3, true],
      [1, false],
    ]);
    await expect(checkEstimatorConfigs(factory, [])).rejects.toThrow(ConfigError);
  });

  it('CpuSampler that disagrees with the model: sampling fails and names it', async () => {
    const r = await run(broken.WrongCpuSamplerBernoulli, { only: ['sampling'] });
    expect(detail(r, 'sampling')).toMatch(/CpuSampler row \d: chi2/);
  });

  it('sampler that ignores options.rng: sampling fails as not reproducible', async () => {
    const r = await run(broken.UnseededSamplerBernoulli, { only: ['sampling'] });
    expect(detail(r, 'sampling')).toMatch(/not reproducible/);
  });

  it('config that does not round-trip: config-round-trip fails', async () => {
    const factory: EstimatorFactory = {
      className: REFERENCE_BERNOULLI,
      fromConfig: (c) => new broken.ForgetfulConfigBernoulli({ dim: c.dim as number }),
    };
    const r = await checkEstimator(() => new broken.ForgetfulConfigBernoulli(CONFIG), { factory });
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'config-round-trip': 'fail' });
    expect(detail(r, 'config-round-trip')).toMatch(/different config: \{"dim":4,"seed":0\} vs original \{"dim":4,"seed":7\}/);
  });

  it('state outside weights: weights-round-trip (and config-round-trip) fail', async () => {
    const r = await run(broken.HiddenStateBernoulli, { only: ['weights-round-trip', 'config-round-trip'] });
    expect(statuses(r)['weights-round-trip']).toBe('fail');
    expect(detail(r, 'weights-round-trip')).toMatch(/after loading saved weights into a fresh estimator: logProb differs/);
    expect(statuses(r)['config-round-trip']).toBe('fail');
  });

  it('contract violations: bad layout, unnamespaced className, wrong loss shape, lax input shapes', async () => {
    const cases: [Ctor, RegExp][] = [
      [broken.BadLayoutBernoulli, /paramLayout sizes sum to 5, but paramSize is 4/],
      [broken.UnnamespacedBernoulli, /className "Bernoulli" is not namespaced/],
      [broken.WrongShapeLossBernoulli, /loss\(params \[1,4\], x \[1,4\]\) returned shape \[1,1\], expected \[1\]/],
      [broken.LaxShapesBernoulli, /loss accepted mis-shaped input \(x with D\+1 columns; params with P\+1 columns; params and x with different row counts\)/],
    ];
    for (const [Cls, message] of cases) {
      const r = await run(Cls, { only: ['contract'] });
      expect(statuses(r).contract, Cls.name).toBe('fail');
      expect(detail(r, 'contract')).toMatch(message);
    }
  });

  it('no logProb (RBM-like): tells rather than fails', async () => {
    const r = await run(broken.NoLogProbBernoulli);
    expect(statuses(r)).toEqual({ ...ALL_PASS, normalisation: 'skip', sampling: 'skip' });
    expect(r.passed).toBe(true);
    expect(detail(r, 'normalisation')).toMatch(/logProb is absent.*tells rather than fails/);
    expect(detail(r, 'sampling')).toMatch(/reproducible/);
  });

  it('a throwing loss or create() is reported, never thrown', async () => {
    const r = await run(broken.ThrowingLossBernoulli);
    expect(r.passed).toBe(false);
    expect(detail(r, 'contract')).toMatch(/boom: loss is not implemented/);
    expect(detail(r, 'gradient')).toMatch(/boom/);
    const before = tf.memory().numTensors;
    const none = await checkEstimator(() => {
      throw new Error('cannot build');
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(none.failures).toHaveLength(8);
    expect(none.failures.every((f) => /cannot build/.test(f.detail))).toBe(true);
  });

  it('real domain: unnormalised density and too-wide sampler are caught', async () => {
    const factory = (C: typeof ReferenceGaussian): EstimatorFactory => ({
      className: REFERENCE_GAUSSIAN,
      fromConfig: (c) => new C(c as ReferenceBernoulliConfig),
    });
    const un = await checkEstimator(() => new UnnormalisedGaussian({ dim: 1, seed: 2 }), { factory: factory(UnnormalisedGaussian) });
    expect(statuses(un)).toEqual({ ...ALL_PASS, normalisation: 'fail' });
    expect(detail(un, 'normalisation')).toMatch(/integral of exp\(logProb\) .* is 1\.05/);
    const wide = await checkEstimator(() => new WideSamplerGaussian({ dim: 2, seed: 2 }), {
      factory: factory(WideSamplerGaussian),
      only: ['sampling'],
      samples: 2000,
    });
    expect(detail(wide, 'sampling')).toMatch(/samples do not match exp\(logProb\): sample row \d dim \d: variance/);
  });
});

describe('checkEstimator options', () => {
  it('rejects invalid options with ConfigError', async () => {
    const create = () => new ReferenceBernoulli(CONFIG);
    await expect(checkEstimator(create, { rows: 0 })).rejects.toThrow(ConfigError);
    await expect(checkEstimator(create, { samples: 1.5 })).rejects.toThrow(/samples must be an integer/);
    await expect(checkEstimator(create, { realIntegration: { low: 1, high: 0, points: 10 } })).rejects.toThrow(/realIntegration/);
    await expect(checkEstimator(create, { only: ['bogus' as ConformanceCheckName] })).rejects.toThrow(/unknown check "bogus"/);
  });

  it('skips binary enumeration above maxEnumerationDim and says so', async () => {
    const r = await run(ReferenceBernoulli, { only: ['normalisation', 'sampling'], maxEnumerationDim: 3 });
    expect(statuses(r)).toMatchObject({ normalisation: 'skip', sampling: 'skip' });
    expect(detail(r, 'normalisation')).toMatch(/D=4 > 3/);
    expect(r.passed).toBe(true);
  });
});
