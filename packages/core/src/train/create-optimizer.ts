import { AdamOptimizer } from './adam';
import { resolveOptimizerConfig, type Optimizer, type OptimizerConfig } from './optimizer';
import { SgdOptimizer } from './sgd';

/**
 * Builds an optimizer from its config.
 *
 * @example
 * ```ts
 * const opt = createOptimizer({ kind: 'adam', beta2: 0.99 });
 * ```
 */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  const resolved = resolveOptimizerConfig(config);
  return resolved.kind === 'adam' ? new AdamOptimizer(resolved) : new SgdOptimizer(resolved);
}
