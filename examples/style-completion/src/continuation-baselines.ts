/** The trivial continuations every completion is reported beside. */
export const CONTINUATION_BASELINES = ['repeat-last-bar', 'repeat-primer', 'silence'] as const;
/** One of {@link CONTINUATION_BASELINES}. */
export type ContinuationBaseline = (typeof CONTINUATION_BASELINES)[number];

/**
 * A trivial continuation of `steps` steps after `primer` (pitches per step):
 * `repeat-last-bar` loops the primer's last bar, `repeat-primer` loops the whole primer (all
 * 4 bars), `silence` plays nothing.
 *
 * @example
 * ```ts
 * baselineContinuation('repeat-last-bar', [[60], [62], [64], [65]], { barSteps: 2, steps: 3 }); // [[64], [65], [64]]
 * ```
 */
export function baselineContinuation(name: ContinuationBaseline, primer: readonly number[][], options: { barSteps: number; steps: number }): number[][] {
  const { barSteps, steps } = options;
  if (name === 'silence' || primer.length === 0) return Array.from({ length: steps }, () => []);
  const loop = name === 'repeat-last-bar' ? primer.slice(-Math.min(barSteps, primer.length)) : primer;
  return Array.from({ length: steps }, (_, t) => [...loop[t % loop.length]!]);
}
