import { registerEstimator, type EstimatorFactory } from '@rnn-nade/core';
import { resolveRbmConfig, type RbmConfig, type ResolvedRbmConfig } from './rbm-config';
import { RBM_CLASS_NAME, RbmEstimator } from './rbm-estimator';

/**
 * The factory model files and the CLI use to rebuild an {@link RbmEstimator}: alias `rbm`,
 * default 150 hidden units (the CLI's `--estimator-hidden` / `--estimator-config` override it).
 */
export const rbmFactory: EstimatorFactory<ResolvedRbmConfig> = {
  className: RBM_CLASS_NAME,
  alias: 'rbm',
  fromConfig: (config) => new RbmEstimator(config as RbmConfig),
  defaultConfig: (dim) => resolveRbmConfig({ dim, hidden: 150 }),
};

/** Registers {@link rbmFactory} (idempotent). Importing the package calls it. */
export function registerRbm(): void {
  registerEstimator(rbmFactory);
}
