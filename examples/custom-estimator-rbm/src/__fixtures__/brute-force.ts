/** Float64 brute-force references for small RBMs (W is `[H][D]`, biases per row). */

/** log Σ exp(terms), stable. */
export function logSumExp(terms: readonly number[]): number {
  const m = Math.max(...terms);
  return m + Math.log(terms.reduce((s, t) => s + Math.exp(t - m), 0));
}

const softplus = (a: number) => (a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a)));

/** Minus the free energy, `b·v + Σ_j softplus(c_j + W_j·v)`. */
export function negFreeEnergy(b: readonly number[], c: readonly number[], W: readonly (readonly number[])[], v: readonly number[]): number {
  let t = 0;
  for (let d = 0; d < b.length; d++) t += b[d]! * v[d]!;
  for (let j = 0; j < c.length; j++) {
    let a = c[j]!;
    for (let d = 0; d < b.length; d++) a += W[j]![d]! * v[d]!;
    t += softplus(a);
  }
  return t;
}

/** The binary vector of length n whose bit i is bit i of s. */
export function bits(s: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (s >>> i) & 1);
}

/** log Z by summing over all 2^D visible states (independent of the enumeration the estimator picks). */
export function bruteLogZ(b: readonly number[], c: readonly number[], W: readonly (readonly number[])[]): number {
  const D = b.length;
  return logSumExp(Array.from({ length: 2 ** D }, (_, s) => negFreeEnergy(b, c, W, bits(s, D))));
}
