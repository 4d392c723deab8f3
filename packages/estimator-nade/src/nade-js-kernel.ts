/**
 * NADE forward and backward on plain arrays: one pass per row, O(D·H), with the running hidden
 * pre-activation a (a changes only where x_i = 1, so sigmoid(a) is recomputed only there —
 * piano-roll frames have a handful of active keys out of 88). Arithmetic in float64.
 *
 * Layout: `Wt` and `Vt` are the TRANSPOSED weights `[D, H]` (column i of W is the contiguous
 * `Wt[i*H .. i*H+H)`); `params` rows are `[b (D) | c (H)]`, `x` rows are `[D]`.
 */

/** Shapes and weights shared by the kernels. */
export interface NadeKernelWeights {
  /** Frame dimension D. */
  readonly dim: number;
  /** Hidden units H. */
  readonly hidden: number;
  /** W transposed, `[D, H]` row-major. */
  readonly Wt: Float32Array;
  /** V transposed, `[D, H]` row-major. */
  readonly Vt: Float32Array;
}

/** Numerically stable log(1 + e^l). */
export function softplus(l: number): number {
  return l > 0 ? l + Math.log1p(Math.exp(-l)) : Math.log1p(Math.exp(l));
}

/** Logistic function. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Transposes a `[rows, cols]` row-major matrix. */
export function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

/**
 * Runs the forward pass of one row: fills `logits` (length D, from offset `lOff`) and returns
 * log p(x).
 */
function forwardRow(
  w: NadeKernelWeights,
  params: Float32Array,
  pOff: number,
  x: Float32Array,
  xOff: number,
  a: Float64Array,
  hid: Float64Array,
  logits: Float64Array,
  lOff: number,
): number {
  const { dim: D, hidden: H, Wt, Vt } = w;
  for (let k = 0; k < H; k++) a[k] = params[pOff + D + k]!;
  let dirty = true;
  let logp = 0;
  for (let i = 0; i < D; i++) {
    if (dirty) {
      for (let k = 0; k < H; k++) hid[k] = 1 / (1 + Math.exp(-a[k]!));
      dirty = false;
    }
    const off = i * H;
    let l = params[pOff + i]!;
    for (let k = 0; k < H; k++) l += Vt[off + k]! * hid[k]!;
    logits[lOff + i] = l;
    const xi = x[xOff + i]!;
    logp += xi * l - softplus(l);
    if (xi !== 0) {
      for (let k = 0; k < H; k++) a[k] = a[k]! + xi * Wt[off + k]!;
      dirty = true;
    }
  }
  return logp;
}

/**
 * log p(x) for `n` rows. `params` is `[n, D+H]`, `x` is `[n, D]`; returns `[n]`
 * (and fills `logitsOut`, `[n, D]`, when given).
 */
export function nadeLogProbRows(w: NadeKernelWeights, params: Float32Array, x: Float32Array, n: number, logitsOut?: Float64Array): Float32Array {
  const { dim: D, hidden: H } = w;
  const P = D + H;
  const out = new Float32Array(n);
  const a = new Float64Array(H);
  const hid = new Float64Array(H);
  const logits = logitsOut ?? new Float64Array(D);
  for (let r = 0; r < n; r++) out[r] = forwardRow(w, params, r * P, x, r * D, a, hid, logits, logitsOut ? r * D : 0);
  return out;
}

/** Gradients of Σ_n dy_n · (−log p(x_n)) returned by {@link nadeLossGradRows}. */
export interface NadeKernelGrads {
  /** `[n, D+H]`. */
  readonly dParams: Float32Array;
  /** `[H, D]` (not transposed). */
  readonly dW: Float32Array;
  /** `[H, D]` (not transposed). */
  readonly dV: Float32Array;
}

/**
 * Analytic gradient of Σ_n dy_n · (−log p(x_n)) w.r.t. params, W and V, given the logits of the
 * forward pass (`[n, D]`, from {@link nadeLogProbRows}). With dl_i = (sigmoid(l_i) − x_i)·dy:
 * db_i = dl_i, dV[:,i] = Σ dl_i h_i, da_i = dl_i V[:,i] ⊙ h_i ⊙ (1 − h_i), dc = Σ_i da_i and
 * dW[:,i] = Σ x_i Σ_{k>i} da_k.
 *
 * The hidden activation h is constant over each "segment" of dimensions between two non-zero
 * x's, so each row first recomputes only its few distinct h vectors, then runs backwards over
 * the dimensions accumulating s = Σ dl_k V[:,k] within the current segment and folding
 * h ⊙ (1 − h) ⊙ s into r = Σ_{k>i} da_k at each segment start: 2·D·H multiply-adds per row.
 */
export function nadeLossGradRows(
  w: NadeKernelWeights,
  params: Float32Array,
  x: Float32Array,
  logits: Float64Array,
  dy: Float32Array,
  n: number,
): NadeKernelGrads {
  const { dim: D, hidden: H, Wt, Vt } = w;
  const P = D + H;
  const dParams = new Float32Array(n * P);
  const dWt = new Float64Array(D * H);
  const dVt = new Float64Array(D * H);
  const a = new Float64Array(H);
  const pool = new Float64Array((D + 1) * H); // h of each segment
  const segOf = new Int32Array(D);
  const r = new Float64Array(H);
  const s = new Float64Array(H);
  for (let row = 0; row < n; row++) {
    const g = dy[row]!;
    if (g === 0) continue;
    const xOff = row * D;
    // distinct hidden activations, one per segment
    for (let k = 0; k < H; k++) a[k] = params[row * P + D + k]!;
    let seg = 0;
    for (let k = 0; k < H; k++) pool[k] = 1 / (1 + Math.exp(-a[k]!));
    for (let i = 0; i < D; i++) {
      segOf[i] = seg;
      const xi = x[xOff + i]!;
      if (xi !== 0 && i + 1 < D) {
        const off = i * H;
        for (let k = 0; k < H; k++) a[k] = a[k]! + xi * Wt[off + k]!;
        seg++;
        const pOff = seg * H;
        for (let k = 0; k < H; k++) pool[pOff + k] = 1 / (1 + Math.exp(-a[k]!));
      }
    }
    r.fill(0);
    s.fill(0);
    for (let i = D - 1; i >= 0; i--) {
      const xi = x[xOff + i]!;
      const off = i * H;
      if (xi !== 0) for (let k = 0; k < H; k++) dWt[off + k] = dWt[off + k]! + xi * r[k]!;
      const dl = (1 / (1 + Math.exp(-logits[xOff + i]!)) - xi) * g;
      dParams[row * P + i] = dl;
      const hOff = segOf[i]! * H;
      for (let k = 0; k < H; k++) {
        dVt[off + k] = dVt[off + k]! + dl * pool[hOff + k]!;
        s[k] = s[k]! + dl * Vt[off + k]!;
      }
      if (i === 0 || segOf[i - 1] !== segOf[i]) {
        for (let k = 0; k < H; k++) {
          const hk = pool[hOff + k]!;
          r[k] = r[k]! + hk * (1 - hk) * s[k]!;
          s[k] = 0;
        }
      }
    }
    for (let k = 0; k < H; k++) dParams[row * P + D + k] = r[k]!;
  }
  const dW = new Float32Array(H * D);
  const dV = new Float32Array(H * D);
  for (let i = 0; i < D; i++) {
    for (let k = 0; k < H; k++) {
      dW[k * D + i] = dWt[i * H + k]!;
      dV[k * D + i] = dVt[i * H + k]!;
    }
  }
  return { dParams, dW, dV };
}
