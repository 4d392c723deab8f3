/**
 * `@rnn-nade-examples/custom-estimator-rbm`: an RBM estimator (the RNN-RBM of ICML 2012) written
 * only against the public rnn-nade API. Importing this module registers it (class name
 * `@rnn-nade-examples/custom-estimator-rbm>RBM`, alias `rbm`), so model files load it and the
 * CLI finds it with `--plugin @rnn-nade-examples/custom-estimator-rbm --estimator rbm`.
 * @packageDocumentation
 */
import { registerRbm } from './register';

export { RBM_CLASS_NAME, RbmEstimator, type LogPartitionMethod, type RbmLogProbOptions, type RbmSampleOptions } from './rbm-estimator';
export { RBM_DEFAULTS, resolveAisSettings, resolveRbmConfig, type AisSettings, type RbmConfig, type ResolvedRbmConfig } from './rbm-config';
export { aisLogPartition, allBinaryStates, exactLogPartition, type AisEstimate } from './rbm-partition';
export { bernoulliFromLogits, detachedGibbsChain, freeEnergy, gibbsChain, negLogPseudoLikelihood, type GibbsOptions } from './rbm-ops';
export { rbmFactory, registerRbm } from './register';

registerRbm();
