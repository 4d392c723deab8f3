import { ConditioningError } from '../util/errors';
import type { MetricFeature } from './spec';

/** Where a step sits in its bar: both 0-based. */
export interface MetricPosition {
  /** Step within the beat, in `0 .. stepsPerBeat - 1`. */
  readonly stepInBeat: number;
  /** Beat within the bar, in `0 .. beatsPerBar - 1`. */
  readonly beatInBar: number;
}

/** A meter: grid steps per beat and beats per bar. */
export type Meter = Pick<MetricFeature, 'stepsPerBeat' | 'beatsPerBar'>;

/**
 * The metric position of absolute step `step` in a constant meter, counting from a bar line at
 * step 0 (negative steps count back from it).
 *
 * @example
 * ```ts
 * metricPositionAt(9, { stepsPerBeat: 4, beatsPerBar: 4 }); // { stepInBeat: 1, beatInBar: 2 }
 * ```
 */
export function metricPositionAt(step: number, meter: Meter): MetricPosition {
  if (!Number.isInteger(step)) throw new ConditioningError(`A metric step must be an integer, got ${step}.`);
  const { stepsPerBeat: S, beatsPerBar: B } = meter;
  const inBar = mod(step, S * B);
  return { stepInBeat: inBar % S, beatInBar: Math.floor(inBar / S) };
}

/**
 * Writes the one-hot encoding of `position` (step-in-beat, then beat-in-bar: `stepsPerBeat +
 * beatsPerBar` channels) into `out` at `offset`; the other channels of the slot are zeroed.
 * @throws ConditioningError when the position is outside the meter.
 */
export function writeMetricChannels(position: MetricPosition, meter: Meter, out: Float32Array, offset: number): void {
  const { stepsPerBeat: S, beatsPerBar: B } = meter;
  const { stepInBeat, beatInBar } = position;
  if (!Number.isInteger(stepInBeat) || stepInBeat < 0 || stepInBeat >= S || !Number.isInteger(beatInBar) || beatInBar < 0 || beatInBar >= B) {
    throw new ConditioningError(
      `Metric position {stepInBeat: ${stepInBeat}, beatInBar: ${beatInBar}} is outside the meter of ${S} steps per beat and ${B} beats per bar.`,
    );
  }
  out.fill(0, offset, offset + S + B);
  out[offset + stepInBeat] = 1;
  out[offset + S + beatInBar] = 1;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
