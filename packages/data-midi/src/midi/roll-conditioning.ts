import {
  buildConditioning,
  suppliedSpec,
  ConditioningError,
  type Conditioning,
  type ConditioningSpec,
  type Meter,
  type MetricFeature,
  type MetricPosition,
} from '@rnn-nade/core';
import type { RollTimeSignature } from './piano-roll';

/** A meter as a time signature: `numerator` beats of a `denominator` note per bar. */
export interface TimeSignature {
  /** Beats per bar. */
  readonly numerator: number;
  /** Beat unit (4 = quarter note, 8 = eighth note). */
  readonly denominator: number;
}

/** The meter assumed where a source says nothing (before its first time signature, or the ICML JSON/MAT corpora): 4/4. */
export const DEFAULT_TIME_SIGNATURE: TimeSignature = { numerator: 4, denominator: 4 };

/** What the metric position of a roll's steps depends on: its length, grid and time signatures. */
export interface MeteredRoll {
  /** The steps (only their count is read). */
  readonly steps: {
    /** Number of steps. */
    readonly length: number;
  };
  /** Grid resolution (steps per quarter note). */
  readonly stepsPerQuarter: number;
  /** Time signatures on the grid (may be empty). */
  readonly timeSignatures: readonly RollTimeSignature[];
}

/** Options of {@link rollMetricPositions} and {@link rollConditioning}. */
export interface RollMeterOptions {
  /** The meter before the roll's first time signature, or of a roll without any (default 4/4). */
  readonly timeSignature?: TimeSignature;
}

/**
 * A metric feature for a grid of `stepsPerQuarter` steps and a time signature: one beat = the
 * signature's beat unit (`stepsPerQuarter * 4 / denominator` steps), `numerator` beats per bar.
 *
 * @example
 * ```ts
 * metricFeatureFor(4); // { kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 } (sixteenths in 4/4)
 * metricFeatureFor(4, { numerator: 6, denominator: 8 }); // { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 6 }
 * ```
 */
export function metricFeatureFor(stepsPerQuarter: number, timeSignature: TimeSignature = DEFAULT_TIME_SIGNATURE): MetricFeature {
  const stepsPerBeat = (stepsPerQuarter * 4) / timeSignature.denominator;
  if (!Number.isInteger(stepsPerBeat) || stepsPerBeat < 1) {
    throw new ConditioningError(
      `A ${timeSignature.numerator}/${timeSignature.denominator} beat is ${stepsPerBeat} steps at ${stepsPerQuarter} steps per quarter: not a whole number of steps.`,
    );
  }
  return { kind: 'metric', stepsPerBeat, beatsPerBar: timeSignature.numerator };
}

/** Grid steps of one bar of a time signature (possibly fractional). */
function barSteps(stepsPerQuarter: number, ts: TimeSignature): number {
  return ((stepsPerQuarter * 4) / ts.denominator) * ts.numerator;
}

/**
 * The metric position of every step of a roll, from the roll's own time signatures, in the
 * model's `meter` (its metric feature). Rules:
 * - a time signature starts a bar at its step (rounded to the grid); before the first one, or
 *   in a roll without any, `options.timeSignature` (default 4/4) applies from step 0;
 * - a beat is the signature's beat unit (`stepsPerQuarter * 4 / denominator` steps, possibly
 *   fractional): beat-in-bar counts those from the bar line, and step-in-beat is the fraction of
 *   the beat scaled to `meter.stepsPerBeat` (so a 6/8 eighth-note beat of 2 steps in a 4-step
 *   meter gives step-in-beat 0 and 2);
 * - a bar with more beats than `meter.beatsPerBar` has its extra beats on the last beat (beat 0
 *   stays the downbeat only);
 * - with `meter.barsPerPhrase`, bar-in-phrase counts the bars from step 0 (a bar cut short by a
 *   new time signature counts as one), modulo `barsPerPhrase`.
 *
 * @example
 * ```ts
 * const roll = await readMidiFile('groove.mid', { drums: true }); // from @rnn-nade/data-midi/node
 * const positions = rollMetricPositions(roll, { stepsPerBeat: 4, beatsPerBar: 4 });
 * positions[0]; // { stepInBeat: 0, beatInBar: 0 }
 * ```
 */
export function rollMetricPositions(roll: MeteredRoll, meter: Meter, options: RollMeterOptions = {}): MetricPosition[] {
  const spq = roll.stepsPerQuarter;
  const first = options.timeSignature ?? DEFAULT_TIME_SIGNATURE;
  const segments: { start: number; ts: TimeSignature }[] = [{ start: 0, ts: first }];
  const sorted = [...roll.timeSignatures].sort((a: RollTimeSignature, b: RollTimeSignature) => a.step - b.step);
  for (const ts of sorted) {
    const start = Math.max(0, Math.round(ts.step));
    if (!(ts.numerator >= 1 && ts.denominator >= 1)) continue; // a damaged event: keep the current meter
    if (start === segments[segments.length - 1]!.start) segments[segments.length - 1] = { start, ts };
    else segments.push({ start, ts });
  }
  const out: MetricPosition[] = [];
  const phrase = meter.barsPerPhrase;
  let k = 0;
  let barsBefore = 0; // bars started in the segments before k (a segment cut short mid-bar counts its partial bar)
  for (let t = 0; t < roll.steps.length; t++) {
    while (k + 1 < segments.length && segments[k + 1]!.start <= t) {
      barsBefore += Math.ceil((segments[k + 1]!.start - segments[k]!.start) / barSteps(spq, segments[k]!.ts) - 1e-9);
      k++;
    }
    const { start, ts } = segments[k]!;
    const beatSteps = (spq * 4) / ts.denominator;
    const steps = barSteps(spq, ts);
    const bar = Math.floor((t - start) / steps + 1e-9);
    const inBar = t - start - bar * steps;
    const beat = Math.floor(inBar / beatSteps + 1e-9);
    const fraction = (inBar - beat * beatSteps) / beatSteps;
    const position = {
      stepInBeat: Math.min(meter.stepsPerBeat - 1, Math.floor(fraction * meter.stepsPerBeat + 1e-9)),
      beatInBar: Math.min(meter.beatsPerBar - 1, beat),
    };
    out.push(phrase === undefined ? position : { ...position, barInPhrase: (barsBefore + bar) % phrase });
  }
  return out;
}

/** Options of {@link rollConditioning}. */
export interface RollConditioningOptions extends RollMeterOptions {
  /** The value of every `'label'` feature of the spec (e.g. `{ composer: 'bach' }`). */
  readonly labels?: Readonly<Record<string, string | readonly string[]>>;
  /** The `[T, channels]` arrays of the spec's `'user'` features. */
  readonly user?: Readonly<Record<string, Float32Array>>;
}

/**
 * The conditioning rows of a roll for a model's spec: the metric feature from the roll's own
 * time signatures ({@link rollMetricPositions}), labels and user arrays as given. A `'lookback'`
 * feature is left out (training, evaluation and sampling derive it from the frames, after any
 * augmentation). Attach the result to `rollToSequence(roll)` as its `conditioning`.
 * @throws ConditioningError when a label or user array the spec needs is missing or invalid.
 *
 * @example
 * ```ts
 * const spec = { features: [metricFeatureFor(4), { kind: 'label', name: 'style', classes: ['beat', 'fill'] }] };
 * const seq = { ...rollToSequence(roll), conditioning: rollConditioning(roll, spec, { labels: { style: 'beat' } }) };
 * ```
 */
export function rollConditioning(roll: MeteredRoll, spec: ConditioningSpec, options: RollConditioningOptions = {}): Conditioning {
  const metric = spec.features.find((f): f is MetricFeature => f.kind === 'metric');
  const given = suppliedSpec(spec);
  if (!given) return { channels: 0, data: new Float32Array(0) };
  return buildConditioning(given, {
    steps: roll.steps.length,
    metric: metric ? rollMetricPositions(roll, metric, options) : undefined,
    labels: options.labels,
    user: options.user,
  });
}
