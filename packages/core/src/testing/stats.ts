/**
 * Small numerical helpers of the conformance kit (float64, no tensors).
 * @internal
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; ~1e-13 relative). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a). */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x < a + 1) return 1 - gammaPSeries(a, x);
  return gammaQContinuedFraction(a, x);
}

function gammaPSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 10_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaQContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Upper tail P(X ≥ stat) of a chi-square distribution with `df` degrees of freedom. */
export function chiSquarePValue(stat: number, df: number): number {
  if (stat === Infinity) return 0;
  if (df <= 0) return 1;
  return gammaQ(df / 2, Math.max(0, stat) / 2);
}

/** Result of {@link chiSquareTest}. */
export interface ChiSquareResult {
  /** Pearson's statistic Σ (observed − expected)² / expected (Infinity if a zero-probability cell was observed). */
  stat: number;
  /** Degrees of freedom: bins − 1. */
  df: number;
  /** Upper-tail probability of `stat` under the chi-square distribution with `df` degrees of freedom. */
  pValue: number;
  /** Number of bins after pooling rare cells. */
  bins: number;
}

/**
 * Pearson chi-square goodness of fit of `counts` against probabilities `probs` (normalised here).
 * Cells whose expected count is below `minExpected` are pooled into one bin (and if that bin is
 * itself too small, merged into the smallest remaining bin). Any count in a cell of probability
 * 0 makes the statistic infinite (p-value 0).
 */
export function chiSquareTest(counts: ArrayLike<number>, probs: ArrayLike<number>, minExpected = 5): ChiSquareResult {
  let n = 0;
  let total = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  for (let i = 0; i < probs.length; i++) total += probs[i]!;
  const obs: number[] = [];
  const exp: number[] = [];
  let poolObs = 0;
  let poolExp = 0;
  let impossible = false;
  for (let i = 0; i < probs.length; i++) {
    const e = (n * probs[i]!) / total;
    if (!(e > 0) && counts[i]! > 0) impossible = true; // observed where the model puts no mass
    if (e < minExpected) {
      poolObs += counts[i]!;
      poolExp += e;
    } else {
      obs.push(counts[i]!);
      exp.push(e);
    }
  }
  if (poolExp > 0 || poolObs > 0) {
    if (poolExp >= minExpected || exp.length === 0) {
      obs.push(poolObs);
      exp.push(poolExp);
    } else {
      let k = 0;
      for (let i = 1; i < exp.length; i++) if (exp[i]! < exp[k]!) k = i;
      obs[k]! += poolObs;
      exp[k]! += poolExp;
    }
  }
  let stat = 0;
  for (let i = 0; i < obs.length; i++) {
    const e = exp[i]!;
    if (e > 0) stat += ((obs[i]! - e) * (obs[i]! - e)) / e;
    else if (obs[i]! > 0) stat = Infinity;
  }
  if (impossible) stat = Infinity;
  const df = obs.length - 1;
  return { stat, df, pValue: chiSquarePValue(stat, df), bins: obs.length };
}

/** log Σ exp(v), stable, in float64. */
export function logSumExp(v: ArrayLike<number>, start = 0, end = v.length): number {
  let m = -Infinity;
  for (let i = start; i < end; i++) if (v[i]! > m) m = v[i]!;
  if (m === -Infinity) return -Infinity;
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let i = start; i < end; i++) s += Math.exp(v[i]! - m);
  return m + Math.log(s);
}

/** Euclidean norm. */
export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** Deep equality of plain JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
