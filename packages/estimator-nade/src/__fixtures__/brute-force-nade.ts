/**
 * An independent, deliberately naive float64 NADE for tests: every conditional recomputes its
 * hidden layer from scratch, h_i = sigmoid(c + Σ_{j<i} W[:,j] x_j) — O(D²·H), no running sum,
 * no shared code with the package's kernels. W and V are `[H][D]` nested arrays.
 */
export interface BruteNade {
  readonly D: number;
  readonly H: number;
  readonly W: number[][];
  readonly V: number[][];
}

const sig = (z: number): number => 1 / (1 + Math.exp(-z));

/** Logits l_i = b_i + V[:,i]·h_i of frame x. */
export function bruteLogits(m: BruteNade, b: number[], c: number[], x: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < m.D; i++) {
    let l = b[i]!;
    for (let k = 0; k < m.H; k++) {
      let a = c[k]!;
      for (let j = 0; j < i; j++) a += m.W[k]![j]! * x[j]!;
      l += m.V[k]![i]! * sig(a);
    }
    out.push(l);
  }
  return out;
}

/** log p(x) as Σ_i log p(x_i | x_<i) with p = sigmoid(l), computed from probabilities. */
export function bruteLogProb(m: BruteNade, b: number[], c: number[], x: number[]): number {
  const l = bruteLogits(m, b, c, x);
  let s = 0;
  for (let i = 0; i < m.D; i++) {
    const p = sig(l[i]!);
    s += x[i] === 1 ? Math.log(p) : x[i] === 0 ? Math.log(1 - p) : x[i]! * Math.log(p) + (1 - x[i]!) * Math.log(1 - p);
  }
  return s;
}

/** Builds nested `[H][D]` arrays from a row-major Float32Array. */
export function nested(data: Float32Array | number[], rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => Number(data[r * cols + c])));
}

/** Every binary vector of length D, as numbers, in counting order. */
export function allStates(D: number): number[][] {
  return Array.from({ length: 1 << D }, (_, s) => Array.from({ length: D }, (_, i) => (s >> i) & 1));
}
