import type { JsonValue } from '../estimator/contract';
import { ConditioningError } from '../util/errors';

/**
 * Metric position in the bar: a one-hot of the step within the beat (`stepsPerBeat` channels)
 * followed by a one-hot of the beat within the bar (`beatsPerBar` channels), and with
 * `barsPerPhrase` a one-hot of the bar within a phrase of that many bars (hypermeter:
 * `barsPerPhrase` channels). Step t of a sequence that starts on a bar line is at step-in-beat
 * `t mod stepsPerBeat`, beat-in-bar `floor(t / stepsPerBeat) mod beatsPerBar` and bar-in-phrase
 * `floor(t / (stepsPerBeat * beatsPerBar)) mod barsPerPhrase` (see `metricPositionAt`).
 */
export interface MetricFeature {
  /** Discriminant. */
  readonly kind: 'metric';
  /** Grid steps per beat (e.g. 4 for sixteenth notes in a quarter-note beat). */
  readonly stepsPerBeat: number;
  /** Beats per bar (e.g. 4 for 4/4). */
  readonly beatsPerBar: number;
  /**
   * Bars per phrase (e.g. 4): adds a one-hot of the bar within the phrase, counted from the
   * sequence's first bar line, so a model can learn where phrases restart (bar 5 restating bar
   * 1). Omit for none.
   */
  readonly barsPerPhrase?: number;
}

/** A categorical label (composer, style, fill vs beat), one-hot over `classes`. */
export interface LabelFeature {
  /** Discriminant. */
  readonly kind: 'label';
  /** Name the value is given under (`labels: { [name]: value }`). */
  readonly name: string;
  /** The possible values, in channel order. */
  readonly classes: readonly string[];
}

/** Any per-step user array of `channels` values (given under `user: { [name]: Float32Array }`). */
export interface UserFeature {
  /** Discriminant. */
  readonly kind: 'user';
  /** Name the array is given under. */
  readonly name: string;
  /** Values per step. */
  readonly channels: number;
}

/**
 * The model's own frames some steps back (magenta's lookback_rnn): row t holds frame t - lag for
 * every lag (zeros before the sequence start), then with `repeats` one bit per lag telling
 * whether frame t-1 equals frame t-1-lag. Computed from the sequence itself (only frames before
 * t, so causal): training, evaluation and sampling derive it, nobody supplies it.
 * Channels: `lags.length * dim` (+ `lags.length` with `repeats`).
 */
export interface LookbackFeature {
  /** Discriminant. */
  readonly kind: 'lookback';
  /** Steps back, each an integer >= 1 (e.g. `[16, 32]`: one and two bars of sixteenths). */
  readonly lags: readonly number[];
  /** Add one "frame t-1 repeats frame t-1-lag" bit per lag (default false). */
  readonly repeats?: boolean;
  /** Frame size D; set from `encoder.inputDim` when the model is created (leave it out). */
  readonly dim?: number;
}

/** One part of a model's conditioning input. */
export type ConditioningFeature = MetricFeature | LabelFeature | UserFeature | LookbackFeature;

/**
 * What a model is conditioned on, besides the previous frame: its features' channels are
 * concatenated in order (plain JSON, saved in model.json as `model.conditioning`).
 *
 * @example
 * ```ts
 * const spec: ConditioningSpec = {
 *   features: [{ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 }, { kind: 'label', name: 'style', classes: ['fill', 'beat'] }],
 * };
 * conditioningChannels(spec); // 4 + 4 + 2 = 10
 * ```
 */
export interface ConditioningSpec {
  /** The features, in channel order. */
  readonly features: readonly ConditioningFeature[];
}

/** Where one feature sits in a conditioning row. */
export interface ConditioningSlot {
  /** The feature. */
  readonly feature: ConditioningFeature;
  /** First channel of the feature. */
  readonly offset: number;
  /** Number of channels of the feature. */
  readonly channels: number;
}

/**
 * Number of channels of one feature: `stepsPerBeat + beatsPerBar` (+ `barsPerPhrase`) (metric), the number of classes
 * (label), `channels` (user), or `lags.length * dim` (+ `lags.length` with `repeats`) (lookback).
 *
 * @example
 * ```ts
 * featureChannels({ kind: 'label', name: 'composer', classes: ['bach', 'mozart', 'haydn'] }); // 3
 * ```
 */
export function featureChannels(feature: ConditioningFeature): number {
  if (feature.kind === 'metric') return feature.stepsPerBeat + feature.beatsPerBar + (feature.barsPerPhrase ?? 0);
  if (feature.kind === 'label') return feature.classes.length;
  if (feature.kind === 'lookback') return feature.lags.length * (lookbackDim(feature) + (feature.repeats ? 1 : 0));
  return feature.channels;
}

/**
 * The frame size of a lookback feature.
 * @throws ConditioningError when it has no `dim` yet (it is set from `encoder.inputDim` when the model is created).
 */
export function lookbackDim(feature: LookbackFeature): number {
  if (feature.dim === undefined) {
    throw new ConditioningError('A lookback feature has no "dim": it is set from encoder.inputDim when the model is created (or give dim yourself).');
  }
  return feature.dim;
}

/**
 * The features of `spec` with their channel offsets, in order.
 *
 * @example
 * ```ts
 * conditioningLayout({ features: [{ kind: 'metric', stepsPerBeat: 2, beatsPerBar: 3 }] })[0]; // { feature, offset: 0, channels: 5 }
 * ```
 */
export function conditioningLayout(spec: ConditioningSpec): ConditioningSlot[] {
  let offset = 0;
  return spec.features.map((feature) => {
    const channels = featureChannels(feature);
    const slot = { feature, offset, channels };
    offset += channels;
    return slot;
  });
}

/**
 * Total channels C of a spec (the encoder reads `inputDim + C` values per step); 0 for `null`.
 *
 * @example
 * ```ts
 * conditioningChannels({ features: [{ kind: 'user', name: 'tempo', channels: 1 }] }); // 1
 * ```
 */
export function conditioningChannels(spec: ConditioningSpec | null | undefined): number {
  if (!spec) return 0;
  return spec.features.reduce((n, f) => n + featureChannels(f), 0);
}

/** A short name per feature for messages: `metric`, `lookback:16,32`, `label:composer`, `user:tempo`. */
export function describeConditioning(spec: ConditioningSpec): string {
  return spec.features.map((f) => (f.kind === 'metric' ? 'metric' : f.kind === 'lookback' ? `lookback:${f.lags.join(',')}` : `${f.kind}:${f.name}`)).join(', ');
}

/**
 * Validates a spec (plain JSON from a user or a model file) and returns a normalised copy.
 * `frameDim` (the model's `encoder.inputDim`) sets the `dim` of a lookback feature.
 * @throws ConditioningError naming the feature and field that is wrong.
 *
 * @example
 * ```ts
 * const spec = validateConditioningSpec({ features: [{ kind: 'metric', stepsPerBeat: 4, beatsPerBar: 4 }] });
 * ```
 */
export function validateConditioningSpec(value: unknown, options: { readonly frameDim?: number } = {}): ConditioningSpec {
  const bad = (why: string): never => {
    throw new ConditioningError(`Invalid conditioning spec: ${why}.`);
  };
  if (!isRecord(value) || !Array.isArray(value.features)) return bad('expected { features: [...] }');
  if (value.features.length === 0) bad('it has no features (omit the conditioning instead)');
  const names = new Set<string>();
  const features = (value.features as unknown[]).map((f, i): ConditioningFeature => {
    if (!isRecord(f)) return bad(`feature ${i} is not an object`);
    const int = (key: string, min: number): number => {
      const v = f[key];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
        bad(`feature ${i} (${String(f.kind)}): "${key}" must be an integer >= ${min}, got ${JSON.stringify(v)}`);
      return v as number;
    };
    const name = (): string => {
      const n = f.name;
      if (typeof n !== 'string' || n.length === 0) return bad(`feature ${i} (${String(f.kind)}): "name" must be a non-empty string`);
      if (names.has(n)) bad(`two features are named "${n}"`);
      names.add(n);
      return n;
    };
    if (f.kind === 'metric') {
      if (names.has('\u0000metric')) bad('more than one metric feature');
      names.add('\u0000metric');
      const metric = { kind: 'metric' as const, stepsPerBeat: int('stepsPerBeat', 1), beatsPerBar: int('beatsPerBar', 1) };
      return f.barsPerPhrase === undefined ? metric : { ...metric, barsPerPhrase: int('barsPerPhrase', 1) };
    }
    if (f.kind === 'label') {
      const n = name();
      const classes = f.classes;
      if (!Array.isArray(classes) || classes.length === 0 || classes.some((c) => typeof c !== 'string')) {
        bad(`label "${n}": "classes" must be a non-empty array of strings`);
      }
      if (new Set(classes as string[]).size !== (classes as string[]).length) bad(`label "${n}" lists a class twice`);
      return { kind: 'label', name: n, classes: [...(classes as string[])] };
    }
    if (f.kind === 'user') return { kind: 'user', name: name(), channels: int('channels', 1) };
    if (f.kind === 'lookback') return validateLookback(f, options.frameDim, (why) => bad(`feature ${i} (lookback): ${why}`), names);
    return bad(`feature ${i} has unknown kind ${JSON.stringify(f.kind)} (expected "metric", "label", "user" or "lookback")`);
  });
  return { features };
}

function validateLookback(f: Record<string, unknown>, frameDim: number | undefined, bad: (why: string) => never, seen: Set<string>): LookbackFeature {
  if (seen.has('\u0000lookback')) bad('more than one lookback feature (give all lags to one)');
  seen.add('\u0000lookback');
  const lags = f.lags;
  if (!Array.isArray(lags) || lags.length === 0 || lags.some((l) => typeof l !== 'number' || !Number.isInteger(l) || l < 1)) {
    bad(`"lags" must be a non-empty array of integers >= 1, got ${JSON.stringify(lags)}`);
  }
  if (new Set(lags as number[]).size !== (lags as number[]).length) bad(`"lags" lists a lag twice: ${JSON.stringify(lags)}`);
  if (f.repeats !== undefined && typeof f.repeats !== 'boolean') bad(`"repeats" must be a boolean, got ${JSON.stringify(f.repeats)}`);
  const dim = f.dim ?? frameDim;
  if (dim !== undefined && (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1)) bad(`"dim" must be an integer >= 1, got ${JSON.stringify(dim)}`);
  if (f.dim !== undefined && frameDim !== undefined && f.dim !== frameDim) bad(`"dim" is ${JSON.stringify(f.dim)} but the frames have ${frameDim} values`);
  const out = { kind: 'lookback' as const, lags: [...(lags as number[])], repeats: f.repeats === true };
  return dim === undefined ? out : { ...out, dim: dim as number };
}

/** The spec as plain JSON (for model.json). */
export function conditioningSpecToJson(spec: ConditioningSpec): { [key: string]: JsonValue } {
  return { features: spec.features.map((f) => ({ ...f }) as unknown as { [key: string]: JsonValue }) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
