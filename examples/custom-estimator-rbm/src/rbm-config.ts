import { ConfigError, UnknownConfigKeyError } from '@rnn-nade/core';

/** Settings of annealed importance sampling (AIS) for the log-partition function. */
export type AisSettings = {
  /** Independent AIS runs per frame; log Z is the log-mean-exp of their weights. */
  chains: number;
  /** Number of intermediate distributions (inverse temperatures β = 1/K, 2/K, ..., 1). */
  betas: number;
};

/**
 * Configuration of an {@link RbmEstimator} (plain JSON, stored in model files). Only `dim` and
 * `hidden` are required; {@link resolveRbmConfig} fills in the rest.
 */
export type RbmConfig = {
  /** Number of visible units D (the frame size). */
  dim: number;
  /** Number of hidden units H. */
  hidden: number;
  /** k of CD-k: Gibbs steps of the negative chain in `loss`. Default 10. */
  cdSteps?: number;
  /** Block Gibbs steps per `sample` call. Default 100. */
  gibbsSteps?: number;
  /** AIS settings used by `logProb` when the partition function is not enumerated. Default 32 chains, 1000 betas. */
  ais?: AisSettings;
  /** Enumerate exactly when the smaller layer has at most this many units (2^n states). Default 14, at most 20. */
  exactMaxUnits?: number;
  /**
   * What `loss` returns when `training` is false (the trainer's validation): `'pseudo-likelihood'`
   * (default) is −Σ_d log p(x_d | x_-d), deterministic and on the nats scale; `'cd'` is the
   * CD-k surrogate itself.
   */
  validationLoss?: 'pseudo-likelihood' | 'cd';
  /** Standard deviation of the initial weights W. Default 0.01. */
  initScale?: number;
  /** Seed of the initial weights. Default 0. */
  seed?: number;
};

/** An {@link RbmConfig} with every default filled in (what `getConfig()` returns). */
export type ResolvedRbmConfig = Required<RbmConfig>;

/** Defaults of the optional {@link RbmConfig} fields. */
export const RBM_DEFAULTS = {
  cdSteps: 10,
  gibbsSteps: 100,
  ais: { chains: 32, betas: 1000 },
  exactMaxUnits: 14,
  validationLoss: 'pseudo-likelihood',
  initScale: 0.01,
  seed: 0,
} as const;

const posInt = (v: unknown, max = 1e9): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;

/** The keys an {@link RbmConfig} may have: any other (a typo) is an `UnknownConfigKeyError`, not silently dropped. */
export const RBM_CONFIG_KEYS: readonly (keyof RbmConfig)[] = [
  'dim',
  'hidden',
  'cdSteps',
  'gibbsSteps',
  'ais',
  'exactMaxUnits',
  'validationLoss',
  'initScale',
  'seed',
];

/**
 * Validates an {@link RbmConfig} and fills in the defaults.
 * @throws ConfigError naming the offending field; UnknownConfigKeyError for a key it does not have.
 * @example
 * ```ts
 * resolveRbmConfig({ dim: 88, hidden: 150 }).cdSteps; // 10
 * ```
 */
export function resolveRbmConfig(config: RbmConfig): ResolvedRbmConfig {
  if (!config || typeof config !== 'object') throw new ConfigError('RBM config must be an object { dim, hidden, ... }.');
  UnknownConfigKeyError.check('RBM', config, RBM_CONFIG_KEYS);
  const bad = (field: string, rule: string, value: unknown) => new ConfigError(`RBM config: ${field} must be ${rule}, got ${JSON.stringify(value)}.`);
  if (!posInt(config.dim, 1e6)) throw bad('dim', 'a positive integer', config.dim);
  if (!posInt(config.hidden, 1e6)) throw bad('hidden', 'a positive integer', config.hidden);
  const cdSteps = config.cdSteps ?? RBM_DEFAULTS.cdSteps;
  if (!posInt(cdSteps, 10_000)) throw bad('cdSteps', 'an integer in 1..10000', cdSteps);
  const gibbsSteps = config.gibbsSteps ?? RBM_DEFAULTS.gibbsSteps;
  if (!posInt(gibbsSteps, 1e6)) throw bad('gibbsSteps', 'an integer in 1..1e6', gibbsSteps);
  const ais = resolveAisSettings(config.ais ?? RBM_DEFAULTS.ais);
  const exactMaxUnits = config.exactMaxUnits ?? RBM_DEFAULTS.exactMaxUnits;
  if (typeof exactMaxUnits !== 'number' || !Number.isInteger(exactMaxUnits) || exactMaxUnits < 0 || exactMaxUnits > 20) {
    throw bad('exactMaxUnits', 'an integer in 0..20', exactMaxUnits);
  }
  const validationLoss = config.validationLoss ?? RBM_DEFAULTS.validationLoss;
  if (validationLoss !== 'pseudo-likelihood' && validationLoss !== 'cd') throw bad('validationLoss', "'pseudo-likelihood' or 'cd'", validationLoss);
  const initScale = config.initScale ?? RBM_DEFAULTS.initScale;
  if (typeof initScale !== 'number' || !Number.isFinite(initScale) || initScale < 0) throw bad('initScale', 'a finite number >= 0', initScale);
  const seed = config.seed ?? RBM_DEFAULTS.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw bad('seed', 'an integer', seed);
  return { dim: config.dim, hidden: config.hidden, cdSteps, gibbsSteps, ais, exactMaxUnits, validationLoss, initScale, seed };
}

/**
 * Validates AIS settings (`chains` 1..100000, `betas` 1..1e6).
 * @throws ConfigError
 */
export function resolveAisSettings(ais: AisSettings): AisSettings {
  if (!ais || typeof ais !== 'object') throw new ConfigError(`RBM AIS settings must be { chains, betas }, got ${JSON.stringify(ais)}.`);
  if (!posInt(ais.chains, 100_000)) throw new ConfigError(`RBM AIS chains must be an integer in 1..100000, got ${JSON.stringify(ais.chains)}.`);
  if (!posInt(ais.betas, 1e6)) throw new ConfigError(`RBM AIS betas must be an integer in 1..1e6, got ${JSON.stringify(ais.betas)}.`);
  return { chains: ais.chains, betas: ais.betas };
}
