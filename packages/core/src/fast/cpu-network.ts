import type { EncoderConfig } from '../encoder/config';
import { encoderInputWidth, featureSize, preActivationSize, recurrentLayerPrefix, stateTensorsPerLayer } from '../encoder/config';
import type { EncoderState } from '../encoder/network';
import { encoderWeightShapes } from '../encoder/weights';
import { ShapeError } from '../util/errors';
import { accumulateRows } from './accumulate-rows';
import { lstmCellImpl } from './lstm-cell';

/**
 * The encoder + projection as plain `Float32Array` loops, one sequence, one step at a time: the
 * fast generation path on CPU-side backends (no tensor op at all). It computes exactly what
 * {@link EncoderNetwork.forward} computes (LSTM or plain RNN layers, same gate order, attention, projection) from a
 * snapshot of the weights taken at construction. Zero inputs are skipped in the input
 * projection, so binary piano-roll frames cost only their active notes.
 *
 * @example
 * ```ts
 * const net = new CpuNetwork(model.encoderConfig, model.estimator.paramSize, weightsByName);
 * const params = net.step(new Float32Array(88)); // params for frame 0
 * ```
 */
export class CpuNetwork {
  private readonly H: number;
  private readonly W: number;
  private readonly k: Float32Array[] = [];
  private readonly u: Float32Array[] = [];
  private readonly b: Float32Array[] = [];
  private readonly query: Float32Array | null;
  private readonly projHidden: { kernel: Float32Array; bias: Float32Array } | null;
  private readonly projOut: { kernel: Float32Array; bias: Float32Array };
  private readonly h: Float32Array[] = [];
  private readonly c: Float32Array[] = [];
  private readonly mem: Float32Array;
  private readonly memValid: Float32Array;
  private readonly z: Float64Array;
  private readonly idx: Int32Array;
  private readonly acc: Float64Array;
  private readonly features: Float32Array;
  private readonly hiddenOut: Float32Array;
  private readonly params: Float32Array;
  private readonly skip: Float32Array | null;
  private readonly skipGate: { kernel: Float32Array; bias: Float32Array } | null;
  private readonly gated: Float32Array;
  private readonly gateAcc: Float64Array;
  private readonly q: Float64Array;
  private readonly scores: Float32Array;

  /** @param weights every weight of {@link encoderWeightShapes} by name (copied). */
  constructor(
    /** The resolved encoder configuration. */
    readonly config: EncoderConfig,
    /** Length P of the params the projection produces. */
    readonly paramSize: number,
    weights: Readonly<Record<string, Float32Array>>,
  ) {
    const shapes = encoderWeightShapes(config, paramSize);
    const get = (name: string): Float32Array => {
      const w = weights[name];
      const n = shapes[name]!.reduce((a, b) => a * b, 1);
      if (!w || w.length !== n) throw new ShapeError(`CpuNetwork: weight "${name}" missing or not of size ${n}.`);
      return Float32Array.from(w);
    };
    this.H = config.hidden;
    const H = this.H;
    this.W = config.attentionWindow;
    for (let l = 0; l < config.layers; l++) {
      const prefix = recurrentLayerPrefix(config, l);
      this.k.push(get(`${prefix}/kernel`));
      this.u.push(get(`${prefix}/recurrentKernel`));
      this.b.push(get(`${prefix}/bias`));
      this.h.push(new Float32Array(H));
      this.c.push(new Float32Array(H));
    }
    this.query = this.W > 0 ? get('encoder/attention/query') : null;
    this.projHidden = config.projectionHidden > 0 ? { kernel: get('projection/hidden/kernel'), bias: get('projection/hidden/bias') } : null;
    this.projOut = { kernel: get('projection/output/kernel'), bias: get('projection/output/bias') };
    this.skip = config.inputSkip ? get('projection/skip/kernel') : null;
    this.skipGate = config.inputSkipGate ? { kernel: get('projection/skipGate/kernel'), bias: get('projection/skipGate/bias') } : null;
    this.gated = new Float32Array(config.inputSkipGate ? encoderInputWidth(config) : 0);
    this.gateAcc = new Float64Array(this.gated.length);
    this.mem = new Float32Array(Math.max(this.W - 1, 0) * H);
    this.memValid = new Float32Array(Math.max(this.W - 1, 0));
    this.z = new Float64Array(preActivationSize(config));
    this.idx = new Int32Array(Math.max(encoderInputWidth(config), H, featureSize(config), config.projectionHidden));
    this.acc = new Float64Array(Math.max(paramSize, config.projectionHidden));
    this.features = new Float32Array(featureSize(config));
    this.hiddenOut = new Float32Array(config.projectionHidden);
    this.params = new Float32Array(paramSize);
    this.q = new Float64Array(H);
    this.scores = new Float32Array(Math.max(this.W, 1));
  }

  /** Back to the initial state (zeros, empty attention memory). */
  reset(): void {
    for (const a of [...this.h, ...this.c, this.mem, this.memValid]) a.fill(0);
  }

  /** Copies row `row` of a tensor-path {@link EncoderState} (same layout) into this network. */
  setState(state: EncoderState, row = 0): void {
    const per = stateTensorsPerLayer(this.config);
    const L = this.config.layers;
    const H = this.H;
    const rowOf = (t: { dataSync(): unknown }) => (t.dataSync() as Float32Array).subarray(row * H, (row + 1) * H);
    for (let l = 0; l < L; l++) {
      this.h[l]!.set(rowOf(state[per * l]!));
      if (per === 2) this.c[l]!.set(rowOf(state[per * l + 1]!));
    }
    if (this.W > 1) {
      const B = state[0]!.shape[0];
      const mem = state[per * L]!.dataSync() as Float32Array; // [W-1, B, H]
      const valid = state[per * L + 1]!.dataSync() as Float32Array; // [W-1, B]
      for (let k = 0; k < this.W - 1; k++) {
        this.mem.set(mem.subarray((k * B + row) * H, (k * B + row + 1) * H), k * H);
        this.memValid[k] = valid[k * B + row]!;
      }
    }
  }

  /**
   * Reads one input frame (frame t-1; zeros at t = 0) and returns the params for frame t. The
   * returned array is reused by the next call: copy it to keep it.
   */
  step(input: Float32Array): Float32Array {
    const H = this.H;
    const Z = this.z.length;
    const z = this.z;
    const lstm = this.config.cell === 'lstm';
    let x = input;
    for (let l = 0; l < this.config.layers; l++) {
      const K = this.k[l]!;
      const U = this.u[l]!;
      const h = this.h[l]!;
      const c = this.c[l]!;
      z.set(this.b[l]!);
      accumulateRows(x, K, Z, z, this.idx);
      accumulateRows(h, U, Z, z, this.idx);
      if (lstm) lstmCellImpl(z, 0, H, c, 0, h, 0);
      else for (let j = 0; j < H; j++) h[j] = Math.tanh(z[j]!);
      x = h;
    }
    const top = x;
    const feats = this.features;
    feats.set(top, 0);
    if (this.query) this.attend(top);
    let u = feats;
    if (this.projHidden) {
      this.matVec(feats, this.projHidden.kernel, this.projHidden.bias, this.hiddenOut);
      for (let j = 0; j < this.hiddenOut.length; j++) if (this.hiddenOut[j]! < 0) this.hiddenOut[j] = 0;
      u = this.hiddenOut;
    }
    this.matVec(u, this.projOut.kernel, this.projOut.bias, this.params);
    if (this.skip) this.addSkip(input);
    return this.params;
  }

  /** params += (input, gated by the features when `inputSkipGate`) · skip kernel. */
  private addSkip(input: Float32Array): void {
    let x = input;
    if (this.skipGate) {
      const W = this.gated.length;
      const acc = this.gateAcc;
      acc.set(this.skipGate.bias);
      accumulateRows(this.features, this.skipGate.kernel, W, acc, this.idx);
      for (let i = 0; i < W; i++) this.gated[i] = input[i]! / (1 + Math.exp(-acc[i]!));
      x = this.gated;
    }
    const acc = this.acc.subarray(0, this.paramSize);
    acc.set(this.params);
    accumulateRows(x, this.skip!, this.paramSize, acc, this.idx);
    this.params.set(acc);
  }

  /** out = v · M + bias, M row-major `[v.length, out.length]`. */
  private matVec(v: Float32Array, M: Float32Array, bias: Float32Array, out: Float32Array): void {
    const acc = this.acc.subarray(0, out.length);
    acc.set(bias);
    accumulateRows(v, M, out.length, acc, this.idx);
    out.set(acc);
  }

  private attend(top: Float32Array): void {
    const H = this.H;
    const W = this.W;
    const q = this.q;
    q.fill(0);
    accumulateRows(top, this.query!, H, q, this.idx);
    const scale = 1 / Math.sqrt(H);
    const s = this.scores;
    let max = -Infinity;
    for (let k = 0; k < W; k++) {
      const valid = k === W - 1 || this.memValid[k] !== 0;
      if (!valid) {
        s[k] = -Infinity;
        continue;
      }
      const m = k === W - 1 ? top : this.mem.subarray(k * H, (k + 1) * H);
      let dot = 0;
      for (let j = 0; j < H; j++) dot += q[j]! * m[j]!;
      s[k] = dot * scale;
      if (s[k]! > max) max = s[k]!;
    }
    let sum = 0;
    for (let k = 0; k < W; k++) {
      const e = s[k] === -Infinity ? 0 : Math.exp(s[k]! - max);
      s[k] = e;
      sum += e;
    }
    const ctx = this.features.subarray(H, 2 * H);
    ctx.fill(0);
    for (let k = 0; k < W; k++) {
      const a = s[k]! / sum;
      if (a === 0) continue;
      const m = k === W - 1 ? top : this.mem.subarray(k * H, (k + 1) * H);
      for (let j = 0; j < H; j++) ctx[j] = ctx[j]! + a * m[j]!;
    }
    if (W > 1) {
      this.mem.copyWithin(0, H);
      this.mem.set(top, (W - 2) * H);
      this.memValid.copyWithin(0, 1);
      this.memValid[W - 2] = 1;
    }
  }
}
