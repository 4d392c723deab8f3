/**
 * `out += Σ_i v_i · M[i, :]` for a row-major `M` `[v.length, n]`, skipping zero entries of `v`
 * (binary piano-roll frames are mostly zeros) and reading four rows per pass over `out`.
 * `idx` is scratch space of length >= `v.length`.
 */
export function accumulateRows(v: ArrayLike<number>, M: Float32Array, n: number, out: Float64Array, idx: Int32Array): void {
  let count = 0;
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) idx[count++] = i;
  let k = 0;
  for (; k + 3 < count; k += 4) {
    const i0 = idx[k]!;
    const i1 = idx[k + 1]!;
    const i2 = idx[k + 2]!;
    const i3 = idx[k + 3]!;
    const a0 = v[i0]!;
    const a1 = v[i1]!;
    const a2 = v[i2]!;
    const a3 = v[i3]!;
    const b0 = i0 * n;
    const b1 = i1 * n;
    const b2 = i2 * n;
    const b3 = i3 * n;
    for (let j = 0; j < n; j++) out[j] = out[j]! + a0 * M[b0 + j]! + a1 * M[b1 + j]! + a2 * M[b2 + j]! + a3 * M[b3 + j]!;
  }
  for (; k < count; k++) {
    const i = idx[k]!;
    const a = v[i]!;
    const b = i * n;
    for (let j = 0; j < n; j++) out[j] = out[j]! + a * M[b + j]!;
  }
}
