import { ConditioningError } from '../util/errors';
import type { MetricFeature } from './spec';

/** Where a step sits in its bar (and phrase): all 0-based. */
export interface MetricPosition {
  /** Step within the beat, in `0 .. stepsPerBeat - 1`. */
  readonly stepInBeat: number;
  /** Beat within the bar, in `0 .. beatsPerBar - 1`. */
  readonly beatInBar: number;
  /** Bar within the phrase, in `0 .. barsPerPhrase - 1`; needed only by a meter with `barsPerPhrase`. */
  readonly barInPhrase?: number;
}

/** A meter: grid steps per beat, beats per bar and optionally bars per phrase. */
export type Meter = Pick<MetricFeature, 'stepsPerBeat' | 'beatsPerBar' | 'barsPerPhrase'>;

/**
 * The metric position of absolute step `step` in a constant meter, counting from a bar line at
 * step 0 that is also the first bar of a phrase (negative steps count back from it).
 *
 * @example
 * ```ts
 * metricPositionAt(9, { stepsPerBeat: 4, beatsPerBar: 4 }); // { stepInBeat: 1, beatInBar: 2 }
 * metricPositionAt(40, { stepsPerBeat: 2, beatsPerBar: 4, barsPerPhrase: 4 }); // { stepInBeat: 0, beatInBar: 0, barInPhrase: 1 }
 * ```
 */
export function metricPositionAt(step: number, meter: Meter): MetricPosition {
  if (!Number.isInteger(step)) throw new ConditioningError(`A metric step must be an integer, got ${step}.`);
  const { stepsPerBeat: S, beatsPerBar: B, barsPerPhrase: P } = meter;
  const inBar = mod(step, S * B);
  const position = { stepInBeat: inBar % S, beatInBar: Math.floor(inBar / S) };
  return P === undefined ? position : { ...position, barInPhrase: mod(Math.floor(step / (S * B)), P) };
}

/**
 * Writes the one-hot encoding of `position` (step-in-beat, then beat-in-bar, then with
 * `barsPerPhrase` bar-in-phrase: `stepsPerBeat + beatsPerBar (+ barsPerPhrase)` channels) into
 * `out` at `offset`; the other channels of the slot are zeroed.
 * @throws ConditioningError when the position is outside the meter (or has no bar-in-phrase for a meter with phrases).
 *
 * @example
 * ```ts
 * const row = new Float32Array(6);
 * writeMetricChannels({ stepInBeat: 1, beatInBar: 0 }, { stepsPerBeat: 2, beatsPerBar: 4 }, row, 0); // row = [0, 1, 1, 0, 0, 0]
 * ```
 */
export function writeMetricChannels(position: MetricPosition, meter: Meter, out: Float32Array, offset: number): void {
  const { stepsPerBeat: S, beatsPerBar: B, barsPerPhrase: P = 0 } = meter;
  const { stepInBeat, beatInBar, barInPhrase } = position;
  const inRange = (v: number | undefined, n: number) => v !== undefined && Number.isInteger(v) && v >= 0 && v < n;
  if (!inRange(stepInBeat, S) || !inRange(beatInBar, B) || (P > 0 && !inRange(barInPhrase, P))) {
    const phrase = P > 0 ? `, barInPhrase: ${barInPhrase}` : '';
    throw new ConditioningError(
      `Metric position {stepInBeat: ${stepInBeat}, beatInBar: ${beatInBar}${phrase}} is outside the meter of ${S} steps per beat and ${B} beats per bar${P > 0 ? ` and ${P} bars per phrase` : ''}.`,
    );
  }
  out.fill(0, offset, offset + S + B + P);
  out[offset + stepInBeat] = 1;
  out[offset + S + beatInBar] = 1;
  if (P > 0) out[offset + S + B + barInPhrase!] = 1;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
