import * as tf from '@tensorflow/tfjs-core';
import type { DistributionEstimator } from '../estimator/contract';
import type { ResolvedConformanceOptions } from './conformance-types';
import { type CheckOutcome, ensure, evalRows, firstNonFinite, randomFrames, randomParams, sampleRows, subRng, withEstimator } from './kit-helpers';
import { jsonEqual } from './stats';

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * The `contract` check: identity fields, param layout, weights, JSON config, output shapes and
 * dtypes for one and several rows, finite values, and that mis-shaped inputs are rejected.
 * @internal
 */
export async function checkContract(create: () => DistributionEstimator, opts: ResolvedConformanceOptions): Promise<CheckOutcome> {
  return withEstimator(create, (est) => {
    ensure(est && typeof est === 'object', `create() returned ${String(est)}, not an estimator.`);
    ensure(est.specificationVersion === 'v1', `specificationVersion is ${JSON.stringify(est.specificationVersion)}, expected 'v1'.`);
    const cn = est.className;
    const sep = typeof cn === 'string' ? cn.lastIndexOf('>') : -1;
    ensure(sep > 0 && sep < cn.length - 1, `className ${JSON.stringify(cn)} is not namespaced as "<npm package>><Class>".`);
    ensure(isPositiveInt(est.dim), `dim must be a positive integer, got ${String(est.dim)}.`);
    ensure(est.domain === 'binary' || est.domain === 'real', `domain must be 'binary' or 'real', got ${String(est.domain)}.`);
    ensure(isPositiveInt(est.paramSize), `paramSize must be a positive integer, got ${String(est.paramSize)}.`);
    ensure(Array.isArray(est.paramLayout), 'paramLayout must be an array of { name, size } slices.');
    const names = new Set<string>();
    let total = 0;
    for (const slice of est.paramLayout) {
      ensure(typeof slice.name === 'string' && slice.name.length > 0, 'every paramLayout slice needs a non-empty name.');
      ensure(!names.has(slice.name), `paramLayout names the slice "${slice.name}" twice.`);
      ensure(isPositiveInt(slice.size), `paramLayout slice "${slice.name}" has size ${String(slice.size)}.`);
      names.add(slice.name);
      total += slice.size;
    }
    ensure(total === est.paramSize, `paramLayout sizes sum to ${total}, but paramSize is ${est.paramSize}.`);
    ensure(est.weights && typeof est.weights === 'object', 'weights must be an object of tf.Variables.');
    for (const [name, v] of Object.entries(est.weights)) {
      ensure(name.length > 0, 'weights has an empty name.');
      ensure((v as unknown) instanceof tf.Variable, `weights["${name}"] is not a tf.Variable.`);
      ensure(!v.isDisposed, `weights["${name}"] is already disposed.`);
    }
    for (const m of ['loss', 'sample', 'getConfig', 'dispose'] as const) {
      ensure(typeof est[m] === 'function', `${m} must be a method.`);
    }
    ensure(est.logProb === undefined || typeof est.logProb === 'function', 'logProb must be a method or absent.');
    ensure(est.createCpuSampler === undefined || typeof est.createCpuSampler === 'function', 'createCpuSampler must be a method or absent.');
    const config = est.getConfig();
    ensure(config && typeof config === 'object' && !Array.isArray(config), 'getConfig() must return a plain object.');
    let json: string;
    try {
      json = JSON.stringify(config);
    } catch (e) {
      throw new Error(`getConfig() is not JSON-serialisable: ${(e as Error).message}`);
    }
    ensure(jsonEqual(JSON.parse(json), config), `getConfig() does not survive JSON.stringify/parse: ${json.slice(0, 200)}.`);

    const rng = subRng(opts.seed, 'contract');
    const { dim: D, paramSize: P } = est;
    for (const n of [1, opts.rows]) {
      const params = randomParams(rng, n, P, opts.paramScale);
      const x = randomFrames(rng, n, D, est.domain);
      const loss = evalRows(est, 'loss', params, x, n, { rng: subRng(opts.seed, 'contract-loss'), training: false });
      ensure(firstNonFinite(loss) < 0, `loss returned a non-finite value: ${loss[firstNonFinite(loss)]}.`);
      if (est.logProb) {
        const lp = evalRows(est, 'logProb', params, x, n, { rng: subRng(opts.seed, 'contract-lp') });
        ensure(firstNonFinite(lp) < 0, `logProb returned a non-finite value: ${lp[firstNonFinite(lp)]}.`);
        if (est.domain === 'binary') {
          const bad = lp.findIndex((v) => v > 1e-4);
          ensure(bad < 0, `logProb of a binary frame must be <= 0 (a probability), got ${lp[bad]}.`);
        }
      }
      const s = sampleRows(est, params, n, { rng: subRng(opts.seed, 'contract-sample') });
      ensure(firstNonFinite(s) < 0, 'sample returned a non-finite value.');
    }
    const rejects: string[] = [];
    const n = opts.rows;
    const cases: [string, [number, number], [number, number]][] = [
      ['x with D+1 columns', [n, P], [n, D + 1]],
      ['params with P+1 columns', [n, P + 1], [n, D]],
      ['params and x with different row counts', [n, P], [n + 1, D]],
    ];
    for (const [what, ps, xs] of cases) {
      const threw = tf.tidy(() => {
        try {
          est.loss(tf.zeros(ps) as tf.Tensor2D, tf.zeros(xs) as tf.Tensor2D);
          return false;
        } catch {
          return true;
        }
      });
      if (!threw) rejects.push(what);
    }
    ensure(rejects.length === 0, `loss accepted mis-shaped input (${rejects.join('; ')}) instead of throwing.`);
    return {
      status: 'pass',
      detail:
        `${cn}: D=${D}, P=${P} (${est.paramLayout.map((s) => `${s.name}:${s.size}`).join(', ')}), ` +
        `${Object.keys(est.weights).length} weight tensor(s), domain ${est.domain}, ` +
        `logProb ${est.logProb ? 'present' : 'absent'}; shapes [N], [N,D] for N=1 and ${opts.rows}; mis-shaped input rejected.`,
    };
  });
}
