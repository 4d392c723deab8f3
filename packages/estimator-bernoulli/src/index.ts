/**
 * `@rnn-nade/estimator-bernoulli`: an independent Bernoulli per dimension, the simplest
 * rnn-nade estimator (the ICML 2012 "RNN" baseline). Importing the package registers it as
 * `'@rnn-nade/estimator-bernoulli>Bernoulli'` (CLI alias `bernoulli`).
 *
 * @example
 * ```ts
 * import { SequenceModel } from '@rnn-nade/core';
 * import { bernoulli } from '@rnn-nade/estimator-bernoulli';
 * const model = SequenceModel.create({ encoder: { inputDim: 88, hidden: 150 }, estimator: bernoulli({ dim: 88 }) });
 * ```
 * @packageDocumentation
 */
import { registerEstimator } from '@rnn-nade/core';
import { BERNOULLI_CLASS_NAME, BernoulliEstimator, type BernoulliConfig } from './bernoulli-estimator';

export { BernoulliEstimator, bernoulli, BERNOULLI_CLASS_NAME, BERNOULLI_CONFIG_KEYS } from './bernoulli-estimator';
export type { BernoulliConfig } from './bernoulli-estimator';

/** Rebuilds a Bernoulli estimator from the config stored in a model file. */
function fromConfig(config: BernoulliConfig): BernoulliEstimator {
  return new BernoulliEstimator(config);
}

registerEstimator<BernoulliConfig>({
  className: BERNOULLI_CLASS_NAME,
  alias: 'bernoulli',
  fromConfig,
  defaultConfig: (dim: number) => ({ dim }),
});
