import type { DistributionEstimator } from '../estimator/contract';
import { Rng } from '../util/rng';
import type { ResolvedConformanceOptions } from './conformance-types';
import {
  type CheckOutcome,
  allBinaryStates,
  cpuSampleAllRows,
  ensure,
  evalRowsChunked,
  firstDifference,
  firstNonFinite,
  fmt,
  sampleRows,
  tileRow,
  tiledRandomParams,
  withEstimator,
} from './kit-helpers';
import { NO_LOGPROB } from './check-normalisation';
import { defaultGrid, integrateRow } from './real-grid';
import { chiSquareTest, gammaQ } from './stats';

interface Draws {
  label: string;
  /** `rows × samples × D`, row-major. */
  frames: Float32Array;
}

/**
 * The `sampling` check: samples have the right shape and values, are reproducible for equal
 * seeds (and differ for different seeds), temperature 1 equals the default, and their
 * distribution matches `exp(logProb)` — chi-square over the 2^D states (binary, small D, rare
 * cells pooled) or mean/variance z-tests against the grid moments (real, D ≤ 2). The same for
 * the `CpuSampler` when present. Family-wise p-value: Bonferroni over all tests.
 * @internal
 */
export async function checkSampling(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, (est) => {
    const { dim: D, paramSize: P } = est;
    const rows = opts.rows;
    const n = opts.samples;
    const { params, tiled, seed } = tiledRandomParams(est, opts, 'sampling');
    const draw = (s: number, temperature?: number) =>
      sampleRows(est, tiled, rows * n, temperature === undefined ? { rng: new Rng(s) } : { rng: new Rng(s), temperature });

    const s1 = draw(seed);
    ensure(firstNonFinite(s1) < 0, 'sample returned a non-finite value.');
    if (est.domain === 'binary') {
      const bad = s1.findIndex((v) => v !== 0 && v !== 1);
      ensure(bad < 0, `a binary estimator sampled the value ${s1[bad]} (expected 0 or 1).`);
    }
    const s2 = draw(seed);
    const d12 = firstDifference(s1, s2, 0);
    ensure(d12 < 0, `samples are not reproducible: equal Rng seeds gave different values at index ${d12}.`);
    const sT = draw(seed, 1);
    ensure(firstDifference(s1, sT, 0) < 0, 'sample with temperature 1 differs from sample with the default temperature.');
    const s3 = draw(seed + 1);
    ensure(firstDifference(s1, s3, 0) >= 0, 'samples for different Rng seeds are identical: sample ignores options.rng.');
    const notes = [`${rows}×${n} samples reproducible for equal seeds, different for different seeds`];

    const draws: Draws[] = [{ label: 'sample', frames: s1 }];
    if (est.createCpuSampler) {
      const cpu = (s: number) => cpuSampleAllRows(est, params, rows, n, { seed: s });
      const c1 = cpu(seed);
      const c2 = cpu(seed);
      ensure(firstDifference(c1, c2, 0) < 0, 'CpuSampler samples are not reproducible for equal Rng seeds.');
      if (est.domain === 'binary') {
        const bad = c1.findIndex((v) => v !== 0 && v !== 1);
        ensure(bad < 0, `the CpuSampler of a binary estimator sampled the value ${c1[bad]}.`);
      }
      draws.push({ label: 'CpuSampler', frames: c1 });
      notes.push('CpuSampler reproducible');
    }

    let why: string | undefined;
    if (!est.logProb) why = NO_LOGPROB;
    else if (est.domain === 'binary' && D > opts.maxEnumerationDim) why = `D=${D} > ${opts.maxEnumerationDim}: no chi-square over 2^D states`;
    else if (est.domain === 'real' && D > 2) why = `real domain with D=${D} > 2: no grid moments to compare with`;
    if (why) return { status: 'skip', detail: `${why} (${notes.join('; ')}).` };

    const tests: { label: string; p: number; what: string }[] = [];
    if (est.domain === 'binary') {
      const S = 2 ** D;
      const states = allBinaryStates(D);
      for (let r = 0; r < rows; r++) {
        const lp = evalRowsChunked(est, 'logProb', tileRow(params, r, P, S), states, S);
        const probs = Float64Array.from(lp, (v) => Math.exp(v));
        for (const { label, frames } of draws) {
          const counts = new Float64Array(S);
          for (let i = 0; i < n; i++) {
            let idx = 0;
            const off = (r * n + i) * D;
            for (let d = 0; d < D; d++) if (frames[off + d]! > 0.5) idx |= 1 << d;
            counts[idx]! += 1;
          }
          const res = chiSquareTest(counts, probs);
          tests.push({
            label,
            p: res.pValue,
            what: `${label} row ${r}: chi2 ${fmt(res.stat)} on ${res.df} df (${res.bins} bins), p ${fmt(res.pValue)}`,
          });
        }
      }
    } else {
      const grid = defaultGrid(D, opts.realIntegration);
      for (let r = 0; r < rows; r++) {
        const m = integrateRow(est, params, r, grid);
        for (const { label, frames } of draws) {
          for (let d = 0; d < D; d++) {
            let s = 0;
            for (let i = 0; i < n; i++) s += frames[(r * n + i) * D + d]!;
            const mean = s / n;
            let v = 0;
            for (let i = 0; i < n; i++) v += (frames[(r * n + i) * D + d]! - mean) ** 2;
            v /= n - 1;
            const zMean = (mean - m.mean[d]!) / Math.sqrt(m.variance[d]! / n);
            const zVar = (v - m.variance[d]!) / Math.sqrt(Math.max(m.m4[d]! - m.variance[d]! ** 2, 1e-12) / n);
            for (const [kind, z, got, want] of [
              ['mean', zMean, mean, m.mean[d]!],
              ['variance', zVar, v, m.variance[d]!],
            ] as const) {
              const p = gammaQ(0.5, (z * z) / 2); // two-sided normal tail = erfc(|z|/√2)
              tests.push({ label, p, what: `${label} row ${r} dim ${d}: ${kind} ${fmt(got)} vs density ${fmt(want)} (z ${fmt(z)}, p ${fmt(p)})` });
            }
          }
        }
      }
    }
    let worst = tests[0]!;
    for (const t of tests) if (!(t.p >= worst.p)) worst = t;
    const family = Math.min(1, worst.p * tests.length);
    const kind = est.domain === 'binary' ? 'chi-square' : 'moment';
    ensure(
      family >= opts.pValueThreshold,
      `samples do not match exp(logProb): ${worst.what}; Bonferroni p ${fmt(family)} over ${tests.length} ${kind} tests < ${opts.pValueThreshold}.`,
    );
    notes.push(`${tests.length} ${kind} tests vs exp(logProb), worst ${worst.what}, Bonferroni p ${fmt(family)} >= ${opts.pValueThreshold}`);
    return { status: 'pass', detail: `${notes.join('; ')}.` };
  });
}
