import { ConfigError, UnknownConfigKeyError } from '@rnn-nade/core';

/**
 * Configuration of a {@link NadeEstimator}: plain JSON, stored in model files.
 */
export type NadeConfig = {
  /** Frame dimension D (88 for a piano roll). */
  dim: number;
  /** Number of NADE hidden units H (the ICML 2012 reference uses 100). */
  hidden: number;
  /** Seed of the initial weights W and V (default 0). */
  seed?: number;
  /** Standard deviation of the normal initialisation of W and V (default 0.01). */
  initScale?: number;
};

/** Default values of the optional {@link NadeConfig} fields. */
export interface NadeDefaults {
  /** Seed of the initial W and V. */
  readonly seed: number;
  /** Standard deviation of the initial W and V. */
  readonly initScale: number;
}

/** The defaults applied by {@link resolveNadeConfig}: seed 0, initScale 0.01. */
export const NADE_DEFAULTS: NadeDefaults = { seed: 0, initScale: 0.01 };

/** The keys a {@link NadeConfig} may have; any other is an `UnknownConfigKeyError` (from `@rnn-nade/core`). */
export const NADE_CONFIG_KEYS: readonly (keyof NadeConfig)[] = ['dim', 'hidden', 'seed', 'initScale'];

/** A validated config with every optional field filled in. */
export type ResolvedNadeConfig = Required<NadeConfig>;

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/**
 * Validates a (possibly untrusted, e.g. read from a model file) NADE config and fills in the
 * defaults.
 * @throws ConfigError naming the offending field; UnknownConfigKeyError for a key NADE does not have.
 */
export function resolveNadeConfig(config: unknown): ResolvedNadeConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigError(`NADE config must be an object like { dim: 88, hidden: 100 }, got ${JSON.stringify(config)}.`);
  }
  UnknownConfigKeyError.check('NADE', config, NADE_CONFIG_KEYS);
  const c = config as Partial<Record<keyof NadeConfig, unknown>>;
  if (!isPositiveInt(c.dim)) throw new ConfigError(`NADE config "dim" must be a positive integer, got ${JSON.stringify(c.dim)}.`);
  if (!isPositiveInt(c.hidden)) {
    throw new ConfigError(`NADE config "hidden" must be a positive integer, got ${JSON.stringify(c.hidden)}.`);
  }
  const seed = c.seed ?? NADE_DEFAULTS.seed;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConfigError(`NADE config "seed" must be an integer, got ${JSON.stringify(c.seed)}.`);
  }
  const initScale = c.initScale ?? NADE_DEFAULTS.initScale;
  if (typeof initScale !== 'number' || !Number.isFinite(initScale) || initScale < 0) {
    throw new ConfigError(`NADE config "initScale" must be a finite number >= 0, got ${JSON.stringify(c.initScale)}.`);
  }
  return { dim: c.dim, hidden: c.hidden, seed, initScale };
}
