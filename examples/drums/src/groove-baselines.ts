import { Rng, type SequenceData } from '@rnn-nade/core';
import { BAR_STEPS } from './groove-metrics';

/**
 * The "repeat the last bar" continuation: the primer's last `barSteps` steps, tiled over `steps`
 * new steps (a drummer who keeps playing the bar they just played).
 *
 * @example
 * ```ts
 * repeatLastBar(primer, 64); // bar 2 of a 2-bar primer, four times
 * ```
 */
export function repeatLastBar(primer: SequenceData, steps: number, barSteps: number = BAR_STEPS): SequenceData {
  const D = primer.dim;
  const from = Math.max(0, primer.steps - barSteps);
  const bar = primer.steps - from;
  const data = new Float32Array(steps * D);
  if (bar > 0) for (let t = 0; t < steps; t++) data.set(primer.data.subarray((from + (t % bar)) * D, (from + (t % bar) + 1) * D), t * D);
  return { steps, dim: D, data };
}

/**
 * Per-class hit probabilities fitted on training rolls: one row for every class when
 * `positions` = 1 (frame-independent), or one row per step-in-bar position when `positions` =
 * the bar length (a metric-position Bernoulli: how often each drum plays at each 16th of the bar).
 * Returns `[positions, dim]` row-major probabilities (plain frequencies; rolls must start on a bar line).
 */
export function fitPositionRates(train: readonly SequenceData[], positions: number): Float64Array {
  const dim = train[0]?.dim ?? 0;
  const on = new Float64Array(positions * dim);
  const n = new Float64Array(positions);
  for (const s of train) {
    for (let t = 0; t < s.steps; t++) {
      const p = t % positions;
      n[p]!++;
      for (let c = 0; c < dim; c++) if (s.data[t * dim + c]! > 0.5) on[p * dim + c]!++;
    }
  }
  for (let p = 0; p < positions; p++) for (let c = 0; c < dim; c++) on[p * dim + c] = n[p] ? on[p * dim + c]! / n[p]! : 0;
  return on;
}

/**
 * Draws `steps` frames from per-position rates ({@link fitPositionRates}), the first frame at bar
 * position `startStep % positions`; each class on independently with its rate.
 */
export function samplePositionRates(rates: Float64Array, options: { positions: number; steps: number; startStep: number; seed: number }): SequenceData {
  const { positions, steps, startStep } = options;
  const dim = rates.length / positions;
  const rng = new Rng(options.seed);
  const data = new Float32Array(steps * dim);
  for (let t = 0; t < steps; t++) {
    const p = (startStep + t) % positions;
    for (let c = 0; c < dim; c++) data[t * dim + c] = rng.next() < rates[p * dim + c]! ? 1 : 0;
  }
  return { steps, dim, data };
}
