import type { DistributionEstimator } from '../estimator/contract';
import { Rng } from '../util/rng';
import type { ResolvedConformanceOptions } from './conformance-types';
import { type CheckOutcome, cpuSampleAllRows, ensure, firstNonFinite, fmt, sampleRows, tiledRandomParams, withEstimator } from './kit-helpers';

/** The temperatures the check compares, in increasing order. */
const TEMPERATURES = [0.5, 1, 2] as const;

/**
 * Entropy of `n` frames of one params row, in nats, from samples: for binary frames with
 * D ≤ `maxJointDim` the plug-in entropy of the empirical distribution over whole frames, else the
 * sum of per-dimension plug-in entropies; for real frames Σ_d ½ log(2πe·var_d) (the entropy of
 * a Gaussian with the sample variances — an ordering proxy, exact for Gaussians).
 * @internal
 */
export function sampleEntropy(frames: Float32Array, n: number, dim: number, domain: string, maxJointDim: number): number {
  const plugIn = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
    return h;
  };
  if (domain === 'binary' && dim <= maxJointDim) {
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let idx = 0;
      for (let d = 0; d < dim; d++) if (frames[i * dim + d]! > 0.5) idx |= 1 << d;
      counts.set(idx, (counts.get(idx) ?? 0) + 1);
    }
    return plugIn(counts.values());
  }
  let h = 0;
  for (let d = 0; d < dim; d++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = frames[i * dim + d]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    if (domain === 'binary') h += plugIn([s, n - s]);
    else h += 0.5 * Math.log(2 * Math.PI * Math.E * Math.max((s2 - n * mean * mean) / (n - 1), 1e-300));
  }
  return h;
}

/**
 * The `temperature` check: samples at temperatures 0.5, 1 and 2 (same params, same seeds) are
 * valid (finite; 0/1 for binary estimators) and their entropy, averaged over the params rows,
 * strictly increases with the temperature — T < 1 sharpens, T > 1 flattens, as the contract
 * documents. The same for the `CpuSampler` when present. Skipped with
 * `temperatureEntropy: false` for an estimator whose temperature is documented otherwise.
 * @internal
 */
export async function checkTemperature(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  if (!opts.temperatureEntropy) return { status: 'skip', detail: 'temperatureEntropy: false (the estimator documents another meaning of temperature).' };
  return withEstimator(create, (est) => {
    const D = est.dim;
    const rows = opts.rows;
    const n = opts.samples;
    const { params, tiled, seed } = tiledRandomParams(est, opts, 'temperature');
    const samplers: { label: string; draw: (temperature: number) => Float32Array }[] = [
      { label: 'sample', draw: (temperature) => sampleRows(est, tiled, rows * n, { rng: new Rng(seed), temperature }) },
    ];
    if (est.createCpuSampler) {
      samplers.push({ label: 'CpuSampler', draw: (temperature) => cpuSampleAllRows(est, params, rows, n, { seed, temperature }) });
    }
    const notes: string[] = [];
    for (const { label, draw } of samplers) {
      const entropies = TEMPERATURES.map((T) => {
        const frames = draw(T);
        ensure(firstNonFinite(frames) < 0, `${label} at temperature ${T} returned a non-finite value.`);
        if (est.domain === 'binary') {
          const bad = frames.findIndex((v) => v !== 0 && v !== 1);
          ensure(bad < 0, `${label} at temperature ${T} sampled the value ${frames[bad]} (expected 0 or 1).`);
        }
        let h = 0;
        for (let r = 0; r < rows; r++) h += sampleEntropy(frames.subarray(r * n * D, (r + 1) * n * D), n, D, est.domain, opts.maxEnumerationDim);
        return h / rows;
      });
      const shown = TEMPERATURES.map((T, i) => `H(T=${T}) ${fmt(entropies[i]!)}`).join(', ');
      ensure(
        entropies[0]! < entropies[1]! && entropies[1]! < entropies[2]!,
        `${label}: the entropy of samples does not increase with the temperature (${shown} nats, mean over ${rows} rows × ${n} samples).`,
      );
      notes.push(`${label}: ${shown}`);
    }
    return { status: 'pass', detail: `entropy of samples increases with temperature (${notes.join('; ')} nats).` };
  });
}
