/**
 * `@rnn-nade/estimator-rnade`: RNADE (Uria, Murray & Larochelle 2013) as an rnn-nade estimator
 * for real-valued frames (e.g. word vectors) — a mixture of K Gaussians per dimension with exact
 * log-density and ancestral sampling. Importing the package registers it as
 * `'@rnn-nade/estimator-rnade>RNADE'` (CLI alias `rnade`), and the {@link AnchoredMixtureEstimator}
 * (a mixture with one component per fixed anchor, e.g. per word vector) as
 * `'@rnn-nade/estimator-rnade>AnchoredMixture'` (loadable from model files; no CLI alias, since it
 * needs its anchors from code).
 *
 * @example
 * ```ts
 * import { rnade } from '@rnn-nade/estimator-rnade';
 * const estimator = rnade({ dim: 50, hidden: 100, components: 2 });
 * ```
 * @packageDocumentation
 */
import { registerEstimator } from '@rnn-nade/core';
import { RNADE_CLASS_NAME, RnadeEstimator } from './rnade-estimator';
import type { RnadeConfig } from './rnade-config';
import { ANCHORED_MIXTURE_CLASS_NAME, AnchoredMixtureEstimator, type AnchoredMixtureConfig } from './anchored-mixture';

export { RnadeEstimator, rnade, RNADE_CLASS_NAME } from './rnade-estimator';
export type { RnadeKernel, RnadeMixtureParams, RnadeRuntimeOptions, RnadeSampleOptions } from './rnade-estimator';
export type { RnadeWeights } from './rnade-init';
export { RnadeCpuSampler } from './rnade-cpu-sampler';
export type { RnadeKernelWeights } from './rnade-cpu-sampler';
export { resolveRnadeConfig, resolveRnadeTemperature, RNADE_DEFAULTS, RNADE_CONFIG_KEYS, RNADE_MAX_LOG_SIGMA } from './rnade-config';
export type { RnadeConfig, ResolvedRnadeConfig } from './rnade-config';
export type { RnadeWeightTensors } from './rnade-tensor-ops';
export {
  AnchoredMixtureEstimator,
  anchoredMixture,
  resolveAnchoredMixtureConfig,
  ANCHORED_MIXTURE_CLASS_NAME,
  ANCHORED_MIXTURE_CONFIG_KEYS,
} from './anchored-mixture';
export type { AnchoredMixtureConfig, AnchoredMixtureOptions, ResolvedAnchoredMixtureConfig } from './anchored-mixture';

/** Rebuilds an RNADE from the config stored in a model file (fresh weights; the loader assigns saved ones). */
function fromConfig(config: RnadeConfig): RnadeEstimator {
  return new RnadeEstimator(config);
}

registerEstimator<RnadeConfig>({
  className: RNADE_CLASS_NAME,
  alias: 'rnade',
  fromConfig,
  defaultConfig: (dim: number) => ({ dim, hidden: 100, components: 2 }),
});

/** Rebuilds an anchored mixture from a model file's config (zero anchors; the loader assigns the saved ones). */
function anchoredFromConfig(config: AnchoredMixtureConfig): AnchoredMixtureEstimator {
  return new AnchoredMixtureEstimator(config);
}

registerEstimator<AnchoredMixtureConfig>({
  className: ANCHORED_MIXTURE_CLASS_NAME,
  fromConfig: anchoredFromConfig,
});
