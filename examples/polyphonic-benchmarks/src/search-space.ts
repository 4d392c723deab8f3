import type { Rng } from '@rnn-nade/core';
import { resolveRunConfig, type RunConfig } from './run-config';

/** A choice among values, or a log-uniform range (for learning rates). */
export type Dimension<T> = { readonly choices: readonly T[] } | { readonly logUniform: readonly [number, number] };

/** The searched hyper-parameters (everything else comes from the base config). */
export interface SearchSpace {
  readonly hidden: Dimension<number>;
  readonly layers: Dimension<number>;
  readonly dropout: Dimension<number>;
  readonly attentionWindow: Dimension<number>;
  readonly nadeHidden: Dimension<number>;
  readonly lr: Dimension<number>;
  readonly lrDecay: Dimension<number>;
  readonly batchSize: Dimension<number>;
  readonly transpose: Dimension<number>;
}

/** The default space: the seed paper's dimensions (hidden size, layers, dropout, attention window, lr, decay, batch) plus transposition on/off. */
export const DEFAULT_SEARCH_SPACE: SearchSpace = {
  hidden: { choices: [100, 150, 200, 300] },
  layers: { choices: [1, 2] },
  dropout: { choices: [0, 0.2, 0.3, 0.5] },
  attentionWindow: { choices: [0, 4, 8, 16] },
  nadeHidden: { choices: [100, 150] },
  lr: { logUniform: [5e-4, 5e-3] },
  lrDecay: { choices: [1, 0.98, 0.95] },
  batchSize: { choices: [8, 16, 32] },
  transpose: { choices: [0, 6] },
};

/** One draw from a dimension (learning rates rounded to 2 significant digits). */
export function sampleDimension<T>(dim: Dimension<T>, rng: Rng): T | number {
  if ('choices' in dim) {
    if (dim.choices.length === 0) throw new RangeError('A search dimension needs at least one choice.');
    return dim.choices[rng.int(dim.choices.length)]!;
  }
  const [lo, hi] = dim.logUniform;
  if (!(lo > 0 && hi >= lo)) throw new RangeError(`Bad log-uniform range [${lo}, ${hi}].`);
  const v = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  return Number(v.toPrecision(2));
}

/**
 * Draws `n` configurations: each searched field sampled independently from `space`, the rest
 * from `base`. Deterministic for a given `rng` state; duplicates are redrawn (up to 20 tries).
 *
 * @example
 * ```ts
 * const configs = sampleConfigs(DEFAULT_SEARCH_SPACE, resolveRunConfig({ epochs: 12 }), 10, new Rng(7));
 * ```
 */
export function sampleConfigs(space: SearchSpace, base: RunConfig, n: number, rng: Rng): RunConfig[] {
  const seen = new Set<string>();
  const out: RunConfig[] = [];
  for (let i = 0; i < n; i++) {
    let cfg: RunConfig = base;
    for (let attempt = 0; attempt < 20; attempt++) {
      const drawn: Partial<RunConfig> = {};
      for (const key of Object.keys(space) as (keyof SearchSpace)[]) {
        (drawn as Record<string, unknown>)[key] = sampleDimension(space[key] as Dimension<number>, rng);
      }
      cfg = resolveRunConfig({ ...base, ...drawn });
      if (!seen.has(JSON.stringify(cfg))) break;
    }
    seen.add(JSON.stringify(cfg));
    out.push(cfg);
  }
  return out;
}
