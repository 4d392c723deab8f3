import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, Rng, readModelDir, writeModelDir, type JsonValue, type SequenceData, type TensorData } from '@rnn-nade/core/node';
import { rnade, type RnadeConfig, type RnadeEstimator } from '@rnn-nade/estimator-rnade';

/**
 * A frame-independent RNADE: the same estimator as the RNN-RNADE, but its conditioning params
 * are one learned constant vector instead of the RNN's output (an RNN-RNADE with no recurrence
 * and no input), so every word vector is modelled without its history.
 */
export interface IndependentRnade {
  readonly estimator: RnadeEstimator;
  /** The learned constant params `[1, P]`. */
  readonly params: tf.Variable<tf.Rank.R2>;
  dispose(): void;
}

/** Options of {@link trainIndependentRnade}. */
export interface IndependentRnadeTrainOptions {
  readonly epochs: number;
  /** Frames per update (default 256). */
  readonly batchSize?: number;
  /** Adam learning rate (default 2e-3). */
  readonly learningRate?: number;
  /** Stop after this many epochs without a better validation NLL (default 2); the best weights are restored. */
  readonly patience?: number;
  readonly seed?: number;
  /** Called after every epoch with the mean train NLL and the validation NLL (nats per frame). */
  readonly onEpochEnd?: (info: { epoch: number; trainNll: number; validNll: number; seconds: number }) => void;
}

/** Creates an untrained frame-independent RNADE (params start at zero). */
export function createIndependentRnade(config: RnadeConfig): IndependentRnade {
  const estimator = rnade(config);
  const params = tf.tidy(() => tf.variable(tf.zeros([1, estimator.paramSize]), true)) as tf.Variable<tf.Rank.R2>;
  return {
    estimator,
    params,
    dispose: () => {
      estimator.dispose();
      params.dispose();
    },
  };
}

/** Every frame of every sequence as one `[N, D]` row-major array. */
export function stackFrames(seqs: readonly SequenceData[]): { data: Float32Array; rows: number; dim: number } {
  const dim = seqs[0]?.dim ?? 0;
  const rows = seqs.reduce((a, s) => a + s.steps, 0);
  const data = new Float32Array(rows * dim);
  let o = 0;
  for (const s of seqs) {
    data.set(s.data.subarray(0, s.steps * dim), o);
    o += s.steps * dim;
  }
  return { data, rows, dim };
}

function tiledParams(m: IndependentRnade, n: number): tf.Tensor2D {
  return tf.matMul(tf.ones([n, 1]), m.params); // broadcast by matmul (gradient-safe on wasm)
}

/** Negative log-likelihood per frame (nats) of every frame of `seqs`, evaluated in chunks. */
export async function independentRnadeNll(m: IndependentRnade, seqs: readonly SequenceData[], chunk = 4096): Promise<number> {
  const { data, rows, dim } = stackFrames(seqs);
  let total = 0;
  for (let r = 0; r < rows; r += chunk) {
    const n = Math.min(chunk, rows - r);
    const lp = tf.tidy(() => m.estimator.logProb(tiledParams(m, n), tf.tensor2d(data.subarray(r * dim, (r + n) * dim), [n, dim])));
    const v = (await lp.data()) as Float32Array;
    lp.dispose();
    for (let i = 0; i < n; i++) total -= v[i]!;
  }
  return rows ? total / rows : NaN;
}

function snapshot(m: IndependentRnade): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = { params: m.params.dataSync() as Float32Array };
  for (const [k, v] of Object.entries(m.estimator.weights)) out[k] = (v as tf.Variable).dataSync() as Float32Array;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.slice()]));
}

function restore(m: IndependentRnade, snap: Record<string, Float32Array>): void {
  const vars: Record<string, tf.Variable> = { ...(m.estimator.weights as unknown as Record<string, tf.Variable>), params: m.params };
  for (const [k, v] of Object.entries(vars)) tf.tidy(() => v.assign(tf.tensor(snap[k]!, v.shape)));
}

/**
 * Trains a frame-independent RNADE on every frame of `train` with Adam on shuffled mini-batches
 * of frames, early-stopping on `valid` (best weights restored). Returns the per-epoch curve.
 */
export async function trainIndependentRnade(
  m: IndependentRnade,
  data: { train: readonly SequenceData[]; valid: readonly SequenceData[] },
  options: IndependentRnadeTrainOptions,
): Promise<{ epochs: { epoch: number; trainNll: number; validNll: number }[]; bestValidNll: number; bestEpoch: number }> {
  const batchSize = options.batchSize ?? 256;
  const patience = options.patience ?? 2;
  if (!(options.epochs >= 1)) throw new ConfigError(`epochs must be >= 1, got ${options.epochs}.`);
  const rng = new Rng(options.seed ?? 0);
  const { data: x, rows, dim } = stackFrames(data.train);
  const optimizer = tf.train.adam(options.learningRate ?? 2e-3);
  const varList = [m.params, ...(Object.values(m.estimator.weights) as tf.Variable[])];
  const curve: { epoch: number; trainNll: number; validNll: number }[] = [];
  let best = { nll: Infinity, epoch: -1, snap: snapshot(m) };
  const order = Uint32Array.from({ length: rows }, (_, i) => i);
  const batch = new Float32Array(batchSize * dim);
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const t0 = performance.now();
      for (let i = rows - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let sum = 0;
      for (let r = 0; r < rows; r += batchSize) {
        const n = Math.min(batchSize, rows - r);
        for (let i = 0; i < n; i++) batch.set(x.subarray(order[r + i]! * dim, (order[r + i]! + 1) * dim), i * dim);
        const xs = tf.tensor2d(batch.subarray(0, n * dim), [n, dim]);
        const cost = optimizer.minimize(() => tf.mean(m.estimator.loss(tiledParams(m, n), xs)) as tf.Scalar, true, varList);
        sum += (await cost!.data())[0]! * n;
        cost!.dispose();
        xs.dispose();
      }
      const validNll = await independentRnadeNll(m, data.valid);
      const rec = { epoch, trainNll: sum / rows, validNll };
      curve.push(rec);
      options.onEpochEnd?.({ ...rec, seconds: (performance.now() - t0) / 1000 });
      const score = data.valid.length > 0 ? validNll : rec.trainNll; // no held-out data: keep the last epoch
      if (score < best.nll || data.valid.length === 0) best = { nll: score, epoch, snap: snapshot(m) };
      else if (epoch - best.epoch >= patience) break;
    }
  } finally {
    optimizer.dispose();
  }
  restore(m, best.snap);
  return { epochs: curve, bestValidNll: best.nll, bestEpoch: best.epoch };
}

/** Saves a frame-independent RNADE as a model directory (model.json + weights, core's format). */
export async function saveIndependentRnade(m: IndependentRnade, dir: string, metadata: { [key: string]: JsonValue } = {}): Promise<void> {
  const tensors: Record<string, TensorData> = {};
  const snap = snapshot(m);
  const vars: Record<string, tf.Variable> = { ...(m.estimator.weights as unknown as Record<string, tf.Variable>), params: m.params };
  for (const [k, v] of Object.entries(vars)) tensors[k] = { shape: [...v.shape], data: snap[k]! };
  await writeModelDir(
    dir,
    { kind: 'independent-rnade', estimator: { className: m.estimator.className, config: m.estimator.getConfig() as JsonValue }, metadata },
    tensors,
  );
}

/** Loads a model directory written by {@link saveIndependentRnade}. */
export async function loadIndependentRnade(dir: string): Promise<{ model: IndependentRnade; metadata: { [key: string]: JsonValue } }> {
  const { json, tensors } = await readModelDir(dir);
  if (json.kind !== 'independent-rnade') throw new ConfigError(`${dir} is not an independent-RNADE model (kind ${JSON.stringify(json.kind)}).`);
  const est = json.estimator as { config: RnadeConfig };
  const m = createIndependentRnade(est.config);
  const snap: Record<string, Float32Array> = {};
  for (const [k, t] of Object.entries(tensors)) snap[k] = t.data;
  const vars: Record<string, tf.Variable> = { ...(m.estimator.weights as unknown as Record<string, tf.Variable>), params: m.params };
  for (const [k, v] of Object.entries(vars)) {
    const t = tensors[k];
    if (!t || t.shape.join(',') !== v.shape.join(',')) {
      m.dispose();
      throw new ConfigError(`${dir}: weight "${k}" is missing or has shape [${t?.shape ?? ''}], expected [${v.shape}].`);
    }
  }
  restore(m, snap);
  return { model: m, metadata: (json.metadata ?? {}) as { [key: string]: JsonValue } };
}
