import type { Conditioning } from '../data/sequence';
import { ConditioningError } from '../util/errors';
import { metricPositionAt, writeMetricChannels, type MetricPosition } from './metric';
import { writeLookbackChannels } from './lookback';
import { conditioningChannels, conditioningLayout, lookbackDim, type ConditioningSpec, type LabelFeature } from './spec';

/** Options of {@link buildConditioning}. */
export interface BuildConditioningOptions {
  /** Number of rows T. */
  readonly steps: number;
  /**
   * Metric position of row 0, counted in grid steps from a bar line (default 0: row 0 is on a bar
   * line). Row t is at `startStep + t` in the spec's meter. Ignored when `metric` is given.
   */
  readonly startStep?: number;
  /** The metric position of every row (e.g. from a file's own time signatures); overrides `startStep`. */
  readonly metric?: readonly MetricPosition[];
  /** The value of every `'label'` feature by name: one class for all rows, or one per row. */
  readonly labels?: Readonly<Record<string, string | readonly string[]>>;
  /** The array `[T, channels]` (row-major) of every `'user'` feature by name. */
  readonly user?: Readonly<Record<string, Float32Array>>;
  /** The sequence's frames `[T, D]` (row-major), needed by a `'lookback'` feature (row t reads frames before t). */
  readonly frames?: Float32Array;
}

/**
 * Builds the conditioning rows `[T, C]` of a spec: metric one-hots from `startStep` (or explicit
 * positions), label one-hots, user arrays copied in, and lookback frames from `frames`, in the
 * spec's channel order.
 * @throws ConditioningError when a label value is missing or not one of its classes, a user array
 * is missing or has the wrong length, a metric position is outside the meter, or a lookback
 * feature has no `frames`.
 *
 * @example
 * ```ts
 * const spec = { features: [{ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 }, { kind: 'label', name: 'composer', classes: ['bach', 'mozart'] }] } as const;
 * const rows = buildConditioning(spec, { steps: 64, startStep: 16, labels: { composer: 'mozart' } });
 * rows.channels; // 10
 * ```
 */
export function buildConditioning(spec: ConditioningSpec, options: BuildConditioningOptions): Conditioning {
  const T = options.steps;
  if (!Number.isInteger(T) || T < 0) throw new ConditioningError(`steps must be an integer >= 0, got ${T}.`);
  const startStep = options.startStep ?? 0;
  if (!Number.isInteger(startStep)) throw new ConditioningError(`startStep must be an integer, got ${startStep}.`);
  if (options.metric && options.metric.length !== T) {
    throw new ConditioningError(`metric gives ${options.metric.length} positions for ${T} steps.`);
  }
  const C = conditioningChannels(spec);
  const data = new Float32Array(T * C);
  for (const { feature: f, offset, channels } of conditioningLayout(spec)) {
    if (f.kind === 'metric') {
      for (let t = 0; t < T; t++) {
        const position = options.metric ? options.metric[t]! : metricPositionAt(startStep + t, f);
        writeMetricChannels(position, f, data, t * C + offset);
      }
    } else if (f.kind === 'label') {
      const classOf = labelClasses(f, options.labels?.[f.name], T);
      for (let t = 0; t < T; t++) data[t * C + offset + classOf(t)] = 1;
    } else if (f.kind === 'lookback') {
      const frames = options.frames;
      if (!frames || frames.length !== T * lookbackDim(f)) {
        throw new ConditioningError(
          `The lookback feature needs the frames: pass frames: Float32Array(${T} * ${lookbackDim(f)})${frames ? `, got ${frames.length} values` : ''}, or build the other features' rows only (buildConditioning(suppliedSpec(spec), ...)): training, evaluation and sampling derive the lookback channels.`,
        );
      }
      for (let t = 0; t < T; t++) writeLookbackChannels(f, frames, t, data, t * C + offset);
    } else {
      const values = options.user?.[f.name] ?? (T === 0 ? new Float32Array(0) : undefined);
      if (!values) throw new ConditioningError(`The user feature "${f.name}" needs its array: pass user: { ${f.name}: Float32Array(${T} * ${channels}) }.`);
      if (values.length !== T * channels) {
        throw new ConditioningError(`The user feature "${f.name}" has ${values.length} values, expected ${T} steps x ${channels} channels = ${T * channels}.`);
      }
      for (let t = 0; t < T; t++) data.set(values.subarray(t * channels, (t + 1) * channels), t * C + offset);
    }
  }
  return { channels: C, data };
}

/** Class index of every row of a label feature, validated. */
function labelClasses(f: LabelFeature, value: string | readonly string[] | undefined, steps: number): (t: number) => number {
  const index = (v: string): number => {
    const k = f.classes.indexOf(v);
    if (k < 0)
      throw new ConditioningError(
        `Label "${f.name}" has no class ${JSON.stringify(v)}; its classes are ${f.classes.map((c) => JSON.stringify(c)).join(', ')}.`,
      );
    return k;
  };
  if (value === undefined) {
    throw new ConditioningError(
      `The label "${f.name}" needs a value: pass labels: { ${f.name}: one of ${f.classes.map((c) => JSON.stringify(c)).join(', ')} }.`,
    );
  }
  if (typeof value === 'string') {
    const k = index(value);
    return () => k;
  }
  if (value.length !== steps) throw new ConditioningError(`The label "${f.name}" gives ${value.length} values for ${steps} steps.`);
  const ks = value.map(index);
  return (t) => ks[t]!;
}
