import { ConfigError, UnknownConfigKeyError } from '@rnn-nade/core';

/**
 * Configuration of an {@link RnadeEstimator}: plain JSON, stored in model files.
 */
export type RnadeConfig = {
  /** Frame dimension D (50 for GloVe 50d word vectors). */
  dim: number;
  /** Number of NADE hidden units H (default config of the CLI: 100). */
  hidden: number;
  /** Mixture components K per dimension (default config of the CLI: 2). */
  components: number;
  /** Seed of the initial weights (default 0). */
  seed?: number;
  /**
   * When true, the model's `params` also carry per-step offsets of the mixture biases
   * (slices `alpha`, `mu`, `logSigma`, each D·K, index `d·K + k`); when false (default) the RNN
   * sets only the hidden bias `c`, as in the seed paper's RNN-RNADE.
   */
  conditionMixture?: boolean;
  /**
   * Scale floor σ_min (default 1e-3): every component's standard deviation is
   * σ = σ_min + exp(min(s, 15)), with s the log-scale output, so σ ≥ σ_min (densities stay
   * bounded, log p finite) and σ ≤ σ_min + e^15.
   */
  minSigma?: number;
  /**
   * Standard deviation of the normal initialisation of W (default 0.1); the output weights
   * V_alpha, V_mu, V_sigma start at a tenth of it.
   */
  initScale?: number;
};

/** The defaults applied by {@link resolveRnadeConfig}. */
export const RNADE_DEFAULTS: {
  /** Seed of the initial weights. */
  readonly seed: 0;
  /** The RNN sets only the hidden bias. */
  readonly conditionMixture: false;
  /** Scale floor σ_min. */
  readonly minSigma: 1e-3;
  /** Standard deviation of the initial W. */
  readonly initScale: 0.1;
} = { seed: 0, conditionMixture: false, minSigma: 1e-3, initScale: 0.1 };

/** A validated config with every optional field filled in. */
export type ResolvedRnadeConfig = Required<RnadeConfig>;

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** The keys an {@link RnadeConfig} may have; any other is an `UnknownConfigKeyError` (from `@rnn-nade/core`). */
export const RNADE_CONFIG_KEYS: readonly (keyof RnadeConfig)[] = ['dim', 'hidden', 'components', 'seed', 'conditionMixture', 'minSigma', 'initScale'];

/**
 * Validates a (possibly untrusted, e.g. read from a model file) RNADE config and fills in the
 * defaults.
 * @throws ConfigError naming the offending field.
 */
export function resolveRnadeConfig(config: unknown): ResolvedRnadeConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError(`RNADE config must be an object like { dim: 50, hidden: 100, components: 2 }, got ${JSON.stringify(config)}.`);
  }
  UnknownConfigKeyError.check('RNADE', config, RNADE_CONFIG_KEYS);
  const c = config as Partial<Record<keyof RnadeConfig, unknown>>;
  for (const key of ['dim', 'hidden', 'components'] as const) {
    if (!isPositiveInt(c[key])) throw new ConfigError(`RNADE config "${key}" must be a positive integer, got ${JSON.stringify(c[key])}.`);
  }
  const seed = c.seed ?? RNADE_DEFAULTS.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConfigError(`RNADE config "seed" must be an integer, got ${JSON.stringify(c.seed)}.`);
  }
  const conditionMixture = c.conditionMixture ?? RNADE_DEFAULTS.conditionMixture;
  if (typeof conditionMixture !== 'boolean') {
    throw new ConfigError(`RNADE config "conditionMixture" must be a boolean, got ${JSON.stringify(c.conditionMixture)}.`);
  }
  const minSigma = c.minSigma ?? RNADE_DEFAULTS.minSigma;
  if (typeof minSigma !== 'number' || !Number.isFinite(minSigma) || minSigma <= 0) {
    throw new ConfigError(`RNADE config "minSigma" must be a finite number > 0, got ${JSON.stringify(c.minSigma)}.`);
  }
  const initScale = c.initScale ?? RNADE_DEFAULTS.initScale;
  if (typeof initScale !== 'number' || !Number.isFinite(initScale) || initScale < 0) {
    throw new ConfigError(`RNADE config "initScale" must be a finite number >= 0, got ${JSON.stringify(c.initScale)}.`);
  }
  return {
    dim: c.dim as number,
    hidden: c.hidden as number,
    components: c.components as number,
    seed,
    conditionMixture,
    minSigma,
    initScale,
  };
}

/** Largest log-scale used: s is clipped to this before exp (σ ≤ σ_min + e^15). */
export const RNADE_MAX_LOG_SIGMA = 15;

/**
 * Checks a sampling temperature: a finite number ≥ 0 (default 1; 0 = greedy, see
 * {@link RnadeEstimator.sample}).
 * @throws ConfigError otherwise.
 */
export function resolveRnadeTemperature(temperature: number | undefined): number {
  const t = temperature ?? 1;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw new ConfigError(`Sampling temperature must be a finite number >= 0, got ${String(temperature)}.`);
  }
  return t;
}
