import { ConfigError, UnknownEstimatorError } from '../util/errors';
import type { DistributionEstimator, EstimatorConfig } from './contract';
import { registerCoreCopy, thisCoreCopy } from '../util/single-copy';

/**
 * How to rebuild an estimator from its config: what an estimator package registers.
 */
export interface EstimatorFactory<C extends EstimatorConfig = EstimatorConfig> {
  /** The namespaced class name, identical to the estimators' `className`. */
  readonly className: string;
  /** Builds a fresh estimator (new, randomly initialised weights) from a plain-JSON config. */
  fromConfig(config: C): DistributionEstimator<C>;
  /** Short alias for the CLI's `--estimator` flag, e.g. `'nade'`. */
  readonly alias?: string;
  /** Default config for the CLI given the frame dimension, e.g. `{ dim, hidden: 100 }`. */
  defaultConfig?(dim: number): C;
}

// A second copy of core or tfjs-core in this process is an error that says how to dedupe.
registerCoreCopy(thisCoreCopy());

// One registry per process even if two copies of this module are loaded (e.g. src and dist).
const REGISTRY_KEY = Symbol.for('@rnn-nade/core/estimator-registry@v1');
const globalScope = globalThis as unknown as Record<symbol, Map<string, EstimatorFactory> | undefined>;
globalScope[REGISTRY_KEY] ??= new Map();
const registry: Map<string, EstimatorFactory> = globalScope[REGISTRY_KEY];

/**
 * Registers an estimator factory under its namespaced `className`. Registering the same
 * factory twice is a no-op; a different factory under a taken name throws.
 *
 * @example
 * ```ts
 * registerEstimator({ className: '@me/estimator-rbm>RBM', alias: 'rbm', fromConfig: (c) => new Rbm(c) });
 * ```
 */
export function registerEstimator<C extends EstimatorConfig>(factory: EstimatorFactory<C>): void {
  if (!/^.+>.+$/.test(factory.className)) {
    throw new ConfigError(`Estimator className "${factory.className}" must be namespaced as "<npm package>><Class>".`);
  }
  const existing = registry.get(factory.className);
  if (existing && existing.fromConfig !== (factory.fromConfig as unknown)) {
    throw new ConfigError(`An estimator is already registered as "${factory.className}".`);
  }
  registry.set(factory.className, factory as unknown as EstimatorFactory);
}

/**
 * The factory registered under `classNameOrAlias` (a namespaced class name or a short alias).
 * @throws UnknownEstimatorError naming the package to import.
 */
export function getEstimatorFactory(classNameOrAlias: string): EstimatorFactory {
  const direct = registry.get(classNameOrAlias);
  if (direct) return direct;
  for (const f of registry.values()) if (f.alias === classNameOrAlias) return f;
  const sep = classNameOrAlias.lastIndexOf('>');
  const pkg = sep > 0 ? classNameOrAlias.slice(0, sep) : undefined;
  throw new UnknownEstimatorError(classNameOrAlias, pkg, listEstimators());
}

/** Rebuilds an estimator from the `className` and config stored in a model file. */
export function estimatorFromConfig(className: string, config: EstimatorConfig): DistributionEstimator {
  return getEstimatorFactory(className).fromConfig(config);
}

/** Every registered class name, sorted. */
export function listEstimators(): string[] {
  return [...registry.keys()].sort();
}

/** Removes a registration (for tests). */
export function unregisterEstimator(className: string): boolean {
  return registry.delete(className);
}
