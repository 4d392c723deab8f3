/**
 * `@rnn-nade/core`: backends, the estimator contract and registry, encoders, the sequence
 * model, training, evaluation, sampling and model files.
 * @module @rnn-nade/core
 */
export * from './estimator/contract';
export * from './estimator/registry';
export * from './util/rng';
export * from './util/errors';
export * from './util/single-copy';
export * from './backend/select';
export * from './data/sequence';
export * from './io/index';
export * from './encoder/index';
export * from './model/index';
export * from './eval/index';
export * from './sample/index';
export * from './fast/index';
export * from './train/index';
export * from './baselines/index';
export * from './svg/text-width';
