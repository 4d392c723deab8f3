/**
 * `@rnn-nade/estimator-nade`: NADE (Larochelle & Murray 2011) as an rnn-nade estimator — exact
 * log-likelihood in O(D·H) per frame and fast ancestral sampling. Importing the package
 * registers it as `'@rnn-nade/estimator-nade>NADE'` (CLI alias `nade`).
 *
 * @example
 * ```ts
 * import { nade } from '@rnn-nade/estimator-nade';
 * const estimator = nade({ dim: 88, hidden: 100 });
 * ```
 * @packageDocumentation
 */
import { registerEstimator } from '@rnn-nade/core';
import { NADE_CLASS_NAME, NadeEstimator } from './nade-estimator';
import type { NadeConfig } from './nade-config';

export { NadeEstimator, nade, NADE_CLASS_NAME } from './nade-estimator';
export type { NadeKernel, NadeRuntimeOptions, NadeSampleOptions, NadeWeights } from './nade-estimator';
export { NadeCpuSampler } from './nade-cpu-sampler';
export { resolveNadeConfig, NADE_DEFAULTS, NADE_CONFIG_KEYS } from './nade-config';
export type { NadeConfig, NadeDefaults, ResolvedNadeConfig } from './nade-config';
export type { NadeKernelWeights } from './nade-js-kernel';

/** Rebuilds a NADE from the config stored in a model file (fresh weights; the loader assigns saved ones). */
function fromConfig(config: NadeConfig): NadeEstimator {
  return new NadeEstimator(config);
}

registerEstimator<NadeConfig>({
  className: NADE_CLASS_NAME,
  alias: 'nade',
  fromConfig,
  defaultConfig: (dim: number) => ({ dim, hidden: 100 }),
});
