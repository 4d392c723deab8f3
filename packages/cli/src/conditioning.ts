import { existsSync, statSync } from 'node:fs';
import { ConfigError, type Conditioning, type ConditioningFeature, type ConditioningSpec, type SequenceModel } from '@rnn-nade/core/node';
import {
  CORPUS_MANIFEST,
  isCorpusName,
  metricFeatureFor,
  rollConditioning,
  walkMidiFiles,
  type CorpusConditioning,
  type MeteredRoll,
  type TimeSignature,
} from '@rnn-nade/data-midi/node';
import { intFlag, type FlagSpec, type FlagValues } from './args';
import { UsageError } from './cli-error';

/** Flags of `sample` and `complete` for conditioned models. */
export const SAMPLE_CONDITIONING_FLAGS: FlagSpec = {
  label: { type: 'string', multiple: true },
  'start-step': { type: 'string' },
};

/** Usage lines of {@link SAMPLE_CONDITIONING_FLAGS}. */
export const SAMPLE_CONDITIONING_USAGE = `Conditioned models (trained with --conditioning): --label NAME=VALUE (repeatable, one per label
feature, e.g. --label composer=bach) and --start-step N (metric position of the first step, in grid
steps from a bar line; default 0).`;

/** The grid of MIDI folders read by the dataset loader (its default). */
const MIDI_FOLDER_STEPS_PER_QUARTER = 4;

/**
 * `--label NAME=VALUE` flags as a record.
 * @throws UsageError on a flag without `=` or a name given twice.
 */
export function parseLabelFlags(values: FlagValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (values.label as string[] | undefined) ?? []) {
    const eq = raw.indexOf('=');
    if (eq <= 0 || eq === raw.length - 1) throw new UsageError(`--label must be NAME=VALUE (e.g. --label composer=bach), got "${raw}".`);
    const name = raw.slice(0, eq);
    if (name in out) throw new UsageError(`--label ${name} is given twice.`);
    out[name] = raw.slice(eq + 1);
  }
  return out;
}

/**
 * The conditioning options of `model.sample` from `--label` / `--start-step`: empty for an
 * unconditioned model (where the flags are a usage error).
 * @throws UsageError when the flags are given to an unconditioned model or name an unknown label;
 * ConfigError when the model has a `'user'` feature (the command line cannot supply arrays).
 */
export function sampleConditioningOptions(model: SequenceModel, values: FlagValues): { labels?: Record<string, string>; startStep?: number } {
  const labels = parseLabelFlags(values);
  const spec = model.conditioning;
  const given = Object.keys(labels).length > 0 || values['start-step'] !== undefined;
  if (!spec) {
    if (given) throw new UsageError('--label / --start-step apply to conditioned models only; this model reads no conditioning.');
    return {};
  }
  const user = spec.features.find((f) => f.kind === 'user');
  if (user)
    throw new ConfigError(`The model has the user feature "${user.name}", which the command line cannot supply; sample it from code (SequenceModel.sample).`);
  const names = spec.features.flatMap((f) => (f.kind === 'label' ? [f.name] : []));
  for (const name of Object.keys(labels)) {
    if (!names.includes(name)) throw new UsageError(`--label ${name}: the model has no such label (its labels: ${names.join(', ') || 'none'}).`);
  }
  return { labels, startStep: intFlag(values, 'start-step', 0, -1_000_000, 1_000_000) };
}

/**
 * `complete`'s conditioning: the rows of the primer and of the `continuationSteps` generated
 * steps from the MIDI file's own time signatures, the last one continuing past the primer (so
 * the continuation keeps the file's bar, beat and phrase position), and the `--label`s. Empty
 * for an unconditioned model.
 */
export function completionConditioning(
  model: SequenceModel,
  values: FlagValues,
  primerRoll: MeteredRoll,
  continuationSteps: number,
): { primer: { conditioning?: Conditioning }; sample: { labels?: Record<string, string>; startStep?: number; conditioning?: Conditioning } } {
  const options = sampleConditioningOptions(model, values);
  if (!model.conditioning) return { primer: {}, sample: {} };
  const T = primerRoll.steps.length;
  const rows = rollConditioning({ ...primerRoll, steps: { length: T + continuationSteps } }, model.conditioning, { labels: options.labels });
  const C = rows.channels;
  if (C === 0) return { primer: {}, sample: options }; // lookback only: derived from the frames
  const part = (from: number, to: number): Conditioning => ({ channels: C, data: rows.data.slice(from * C, to * C) });
  return { primer: { conditioning: part(0, T) }, sample: { ...options, conditioning: part(T, T + continuationSteps) } };
}

/** The class of a MIDI-folder file for a `label:NAME` feature: its top-level folder. */
export function labelOfFile(file: string): string {
  const slash = file.indexOf('/');
  return slash > 0 ? file.slice(0, slash) : '(root)';
}

/**
 * How the dataset loader supplies a model's conditioning: the metric feature from each MIDI
 * file's time signatures (for the JSON corpora, the feature's own bar from the first step); each `label:NAME`
 * feature's class is the file's top-level folder (MIDI folders only).
 * @throws UsageError when a label feature is asked of a dataset that is not a MIDI folder.
 */
export function datasetConditioning(spec: ConditioningSpec, dataset: string): CorpusConditioning {
  const labelNames = spec.features.flatMap((f) => (f.kind === 'label' ? [f.name] : []));
  if (labelNames.length > 0 && !isMidiFolder(dataset)) {
    throw new UsageError(
      `label features (${labelNames.join(', ')}) need a MIDI-folder dataset, whose top-level folders are the classes; ${dataset} is not one.`,
    );
  }
  const labels = ({ file }: { file: string }) => Object.fromEntries(labelNames.map((n) => [n, labelOfFile(file)]));
  // sources without a meter (and MIDI files before their first time signature) get the metric feature's own bar
  const metric = spec.features.find((f) => f.kind === 'metric');
  const spq = metric ? knownStepsPerQuarter(dataset) : undefined;
  const timeSignature = metric && spq ? { numerator: metric.beatsPerBar, denominator: Math.round((4 * spq) / metric.stepsPerBeat) } : undefined;
  return { spec, labels, timeSignature };
}

/**
 * Parses `train --conditioning metric[:N/D][:phraseP][,label:NAME][,lookback:LAG[+LAG...][:repeats]]...`
 * into a spec for `dataset`: the metric feature at the dataset's grid (N/D, default 4/4, sets the
 * beat and bar; `:phraseP` adds the bar within phrases of P bars), each label's classes from the dataset's top-level folders, and a lookback feature (frames
 * LAG steps back, with magenta's repeat bits when `:repeats` is given; derived from the frames).
 * @throws UsageError on an unknown item, or a grid / label the dataset cannot supply.
 */
export async function parseConditioningFlag(flag: string, dataset: string): Promise<ConditioningSpec> {
  const features: ConditioningFeature[] = [];
  for (const item of flag.split(',').map((s) => s.trim())) {
    const metric = /^metric(?::(\d+)\/(\d+))?(?::phrase(\d+))?$/.exec(item);
    const label = /^label:([A-Za-z0-9_-]+)$/.exec(item);
    const lookback = /^lookback:(\d+(?:\+\d+)*)(:repeats)?$/.exec(item);
    if (lookback) {
      const lags = lookback[1]!.split('+').map(Number);
      if (lags.some((l) => l < 1) || new Set(lags).size !== lags.length) throw new UsageError(`--conditioning ${item}: lags must be distinct integers >= 1.`);
      features.push({ kind: 'lookback', lags, repeats: lookback[2] !== undefined });
    } else if (metric) {
      const ts: TimeSignature | undefined = metric[1] ? { numerator: Number(metric[1]), denominator: Number(metric[2]) } : undefined;
      const phrase = metric[3] ? Number(metric[3]) : 0;
      if (metric[3] && phrase < 1) throw new UsageError(`--conditioning ${item}: a phrase has at least 1 bar.`);
      const feature = metricFeatureFor(datasetStepsPerQuarter(dataset), ts);
      features.push(phrase > 0 ? { ...feature, barsPerPhrase: phrase } : feature);
    } else if (label) {
      if (!isMidiFolder(dataset)) throw new UsageError(`--conditioning ${item}: labels need a MIDI-folder dataset (its top-level folders are the classes).`);
      const classes = new Set<string>();
      for await (const file of walkMidiFiles(dataset)) classes.add(labelOfFile(file));
      features.push({ kind: 'label', name: label[1]!, classes: [...classes].sort() });
    } else {
      throw new UsageError(
        `--conditioning: unknown item "${item}" (expected metric, metric:N/D, metric[:N/D]:phraseP, label:NAME or lookback:LAG[+LAG...][:repeats], comma-separated).`,
      );
    }
  }
  return { features };
}

function isMidiFolder(dataset: string): boolean {
  return !isCorpusName(dataset) && existsSync(dataset) && statSync(dataset).isDirectory();
}

/** Grid of a built-in corpus or a MIDI folder (as the loader reads it), else undefined. */
function knownStepsPerQuarter(dataset: string): number | undefined {
  if (isCorpusName(dataset)) return CORPUS_MANIFEST[dataset].stepsPerQuarter;
  if (isMidiFolder(dataset)) return MIDI_FOLDER_STEPS_PER_QUARTER;
  return undefined;
}

/** Grid of a dataset the metric feature is built for. */
function datasetStepsPerQuarter(dataset: string): number {
  const spq = knownStepsPerQuarter(dataset);
  if (spq !== undefined) return spq;
  throw new UsageError(`--conditioning metric: ${dataset} does not state its grid here; use a built-in corpus or a MIDI folder.`);
}
