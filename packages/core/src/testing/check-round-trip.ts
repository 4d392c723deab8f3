import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator } from '../estimator/contract';
import { type EstimatorFactory, getEstimatorFactory } from '../estimator/registry';
import { Rng } from '../util/rng';
import type { ResolvedConformanceOptions } from './conformance-types';
import {
  type CheckOutcome,
  cpuSampleRows,
  ensure,
  errorMessage,
  evalRows,
  firstDifference,
  fmt,
  randomFrames,
  randomParams,
  safeDispose,
  sampleRows,
  subRng,
  weightEntries,
  withEstimator,
} from './kit-helpers';
import { jsonEqual } from './stats';

/** One weight as a model file stores it: name, shape and float32 little-endian bytes. @internal */
export interface SerialisedWeight {
  name: string;
  shape: number[];
  bytes: ArrayBuffer;
}

/** Serialises every weight (sorted by name) as float32 little-endian, like a model file. @internal */
export function serialiseWeights(est: DistributionEstimator): SerialisedWeight[] {
  return weightEntries(est).map(([name, v]) => {
    ensure(v.dtype === 'float32', `weight "${name}" has dtype ${v.dtype}; model files store float32.`);
    const data = v.dataSync();
    const view = new DataView(new ArrayBuffer(data.length * 4));
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
    return { name, shape: [...v.shape], bytes: view.buffer };
  });
}

/** Loads serialised weights into `est`, checking names and shapes. @internal */
export function loadWeights(est: DistributionEstimator, saved: SerialisedWeight[]): void {
  const target = new Map(weightEntries(est));
  ensure(
    jsonEqual(
      [...target.keys()],
      saved.map((w) => w.name),
    ),
    `weight names differ: saved [${saved.map((w) => w.name).join(', ')}], rebuilt [${[...target.keys()].join(', ')}].`,
  );
  for (const w of saved) {
    const v = target.get(w.name)!;
    ensure(jsonEqual(v.shape, w.shape), `weight "${w.name}" has shape ${JSON.stringify(v.shape)} after rebuilding, saved ${JSON.stringify(w.shape)}.`);
    const view = new DataView(w.bytes);
    const data = Float32Array.from({ length: w.bytes.byteLength / 4 }, (_, i) => view.getFloat32(i * 4, true));
    tf.tidy(() => v.assign(tf.tensor(data, w.shape, 'float32')));
  }
}

/** Values that identify the estimator's distribution: logProb (or loss when absent) and samples. */
function fingerprint(est: DistributionEstimator, opts: ResolvedConformanceOptions) {
  const rng = subRng(opts.seed, 'round-trip');
  const n = opts.rows;
  const params = randomParams(rng, n, est.paramSize, opts.paramScale);
  const x = randomFrames(rng, n, est.dim, est.domain);
  const method = est.logProb ? 'logProb' : 'loss';
  const values = evalRows(est, method, params, x, n, { rng: new Rng(opts.seed), training: false });
  const samples = sampleRows(est, params, n, { rng: new Rng(opts.seed) });
  const cpu = est.createCpuSampler ? cpuSampleRows(est, params.subarray(0, est.paramSize), n, { rng: new Rng(opts.seed) }) : undefined;
  return { method, values, samples, cpu };
}

function compareFingerprints(a: ReturnType<typeof fingerprint>, b: ReturnType<typeof fingerprint>, what: string): string {
  const i = firstDifference(b.values, a.values, 1e-6);
  ensure(i < 0, `${what}: ${a.method} differs at row ${i}: ${fmt(b.values[i]!)} vs original ${fmt(a.values[i]!)}.`);
  const j = firstDifference(b.samples, a.samples, 1e-6);
  ensure(j < 0, `${what}: samples for equal seeds differ at index ${j}.`);
  if (a.cpu && b.cpu) {
    const k = firstDifference(b.cpu, a.cpu, 1e-6);
    ensure(k < 0, `${what}: CpuSampler samples for equal seeds differ at index ${k}.`);
  }
  return `identical ${a.method} and samples${a.cpu ? ' (tensor and CpuSampler)' : ''}`;
}

/**
 * The `config-round-trip` check: `factory.fromConfig(JSON(getConfig()))` rebuilds an estimator
 * with a deep-equal config and equal identity; after copying the weights it gives identical
 * log-probabilities (or losses) and samples.
 * @internal
 */
export async function checkConfigRoundTrip(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, (est) => {
    let factory: EstimatorFactory | undefined = opts.factory;
    if (!factory) {
      try {
        factory = getEstimatorFactory(est.className);
      } catch (e) {
        throw new Error(`no factory to rebuild "${est.className}" (registerEstimator it, or pass options.factory): ${errorMessage(e)}`);
      }
    }
    ensure(factory.className === est.className, `the factory's className "${factory.className}" differs from "${est.className}".`);
    const config = est.getConfig();
    const json = JSON.stringify(config);
    let rebuilt: DistributionEstimator | undefined;
    try {
      rebuilt = factory.fromConfig(JSON.parse(json));
      const again = rebuilt.getConfig();
      ensure(
        jsonEqual(again, config),
        `fromConfig(getConfig()) gives a different config: ${JSON.stringify(again).slice(0, 300)} vs original ${json.slice(0, 300)}.`,
      );
      for (const k of ['className', 'dim', 'domain', 'paramSize', 'specificationVersion'] as const) {
        ensure(rebuilt[k] === est[k], `the rebuilt estimator has ${k} ${String(rebuilt[k])}, the original ${String(est[k])}.`);
      }
      ensure(jsonEqual(rebuilt.paramLayout, est.paramLayout), 'the rebuilt estimator has a different paramLayout.');
      loadWeights(rebuilt, serialiseWeights(est));
      const same = compareFingerprints(fingerprint(est, opts), fingerprint(rebuilt, opts), 'after fromConfig(getConfig()) and copying the weights');
      return { status: 'pass', detail: `config ${json.length > 120 ? `${json.slice(0, 117)}...` : json} round-trips through JSON and fromConfig; ${same}.` };
    } finally {
      safeDispose(rebuilt);
    }
  });
}

/**
 * The `weights-round-trip` check: the weights of a perturbed estimator, saved as float32
 * little-endian bytes and loaded into a fresh `create()`d one (which has already been used, so
 * stale caches would show), give identical log-probabilities (or losses) and samples. Fails when
 * the estimator keeps state outside `weights` that matters, or caches weights it does not refresh.
 * @internal
 */
export async function checkWeightsRoundTrip(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, async (src) => {
    const entries = weightEntries(src);
    const rng = subRng(opts.seed, 'perturb');
    for (const [, v] of entries) {
      const data = Float32Array.from(v.dataSync());
      for (let i = 0; i < data.length; i++) data[i]! *= 1 + 0.2 * (rng.next() - 0.5);
      tf.tidy(() => v.assign(tf.tensor(data, v.shape, 'float32')));
    }
    const saved = serialiseWeights(src);
    const expected = fingerprint(src, opts);
    return withEstimator(create, (dst) => {
      fingerprint(dst, opts); // use it once before loading: caches must follow the new weights
      loadWeights(dst, saved);
      const same = compareFingerprints(expected, fingerprint(dst, opts), 'after loading saved weights into a fresh estimator');
      const bytes = saved.reduce((s, w) => s + w.bytes.byteLength, 0);
      return {
        status: 'pass',
        detail: `${saved.length} weight tensor(s) (${bytes} bytes, float32 LE) loaded into a fresh estimator give ${same}.`,
      };
    });
  });
}
