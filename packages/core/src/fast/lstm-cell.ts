/** Logistic function. */
export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Where {@link lstmCellImpl} writes the gate values of a step (for the backward pass). */
export interface LstmCellRecord {
  /** Input gate, indexed like `h`. */
  readonly i: Float32Array;
  /** Forget gate. */
  readonly f: Float32Array;
  /** Cell candidate (tanh). */
  readonly g: Float32Array;
  /** Output gate. */
  readonly o: Float32Array;
  /** tanh of the new cell state. */
  readonly tc: Float32Array;
}

/**
 * One LSTM cell update on plain arrays, shared by the fused LSTM sequence kernel and the sampling
 * fast path ({@link CpuNetwork}): given the gate pre-activations `z` (gate blocks i, f, g, o of
 * H values each, from `zOff`), updates the cell state `c[cOff..cOff+H)` in place and writes the
 * hidden state to `h[hOff..)`; with `record`, also the gates at `record.*[hOff..)`.
 */
export function lstmCellImpl(
  z: ArrayLike<number>,
  zOff: number,
  H: number,
  c: Float32Array,
  cOff: number,
  h: Float32Array,
  hOff: number,
  record?: LstmCellRecord,
): void {
  for (let j = 0; j < H; j++) {
    const ig = sigmoid(z[zOff + j]!);
    const fg = sigmoid(z[zOff + H + j]!);
    const gg = Math.tanh(z[zOff + 2 * H + j]!);
    const og = sigmoid(z[zOff + 3 * H + j]!);
    const cn = fg * c[cOff + j]! + ig * gg;
    c[cOff + j] = cn;
    const tc = Math.tanh(cn);
    h[hOff + j] = og * tc;
    if (record) {
      const n = hOff + j;
      record.i[n] = ig;
      record.f[n] = fg;
      record.g[n] = gg;
      record.o[n] = og;
      record.tc[n] = tc;
    }
  }
}
