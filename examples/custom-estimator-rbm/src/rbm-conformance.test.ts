import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@rnn-nade/core';
import { checkEstimator, formatConformanceReport } from '@rnn-nade/core/testing';
import { RbmEstimator, rbmFactory, type RbmConfig, type ResolvedRbmConfig } from '@rnn-nade-examples/custom-estimator-rbm';

beforeAll(async () => {
  await initBackend({ log: null });
});

describe('RBM on the conformance kit', () => {
  it('passes every check that applies (exact log Z for small D and H)', async () => {
    const before = tf.memory().numTensors;
    const report = await checkEstimator(() => new RbmEstimator({ dim: 5, hidden: 4, cdSteps: 1, gibbsSteps: 30, initScale: 0.5, seed: 3 }), {
      surrogateLoss: true,
      factory: rbmFactory,
      samples: 2000,
    });
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(report.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the kit tells rather than fails where probabilities cannot be checked', () => {
  const statuses = (r: { checks: { name: string; status: string }[] }) => Object.fromEntries(r.checks.map((c) => [c.name, c.status]));

  it('without logProb (intractable likelihood): normalisation and the chi-square are skipped, the rest passes', async () => {
    type NoLogProb = Omit<RbmEstimator, 'logProb'> & { logProb: undefined };
    const strip = (e: RbmEstimator): NoLogProb => Object.assign(e, { logProb: undefined });
    const config: RbmConfig = { dim: 5, hidden: 4, cdSteps: 1, gibbsSteps: 5, initScale: 0.5, seed: 3 };
    const factory = { ...rbmFactory, fromConfig: (c: ResolvedRbmConfig) => strip(new RbmEstimator(c)) as unknown as RbmEstimator };
    const report = await checkEstimator(() => strip(new RbmEstimator(config)) as unknown as RbmEstimator, { surrogateLoss: true, factory, samples: 200 });
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(statuses(report)).toMatchObject({ contract: 'pass', normalisation: 'skip', sampling: 'skip', gradient: 'pass', leak: 'pass' });
    expect(report.checks.find((c) => c.name === 'normalisation')!.detail).toMatch(/logProb is absent/);
  });

  it('with an AIS logProb on a frame too large to enumerate: probabilities are skipped, AIS runs leak-free', async () => {
    const create = () => new RbmEstimator({ dim: 12, hidden: 6, cdSteps: 1, gibbsSteps: 5, exactMaxUnits: 0, ais: { chains: 4, betas: 20 }, seed: 1 });
    const report = await checkEstimator(create, { surrogateLoss: true, factory: rbmFactory, samples: 200 });
    expect(report.failures, formatConformanceReport(report)).toEqual([]);
    expect(statuses(report)).toMatchObject({ normalisation: 'skip', sampling: 'skip', gradient: 'pass', 'config-round-trip': 'pass', leak: 'pass' });
  });
});
