import { ConditioningError, type ConditioningSpec, type SequenceData } from '@rnn-nade/core';
import { rollConditioning, type MeteredRoll, type TimeSignature } from '../midi/roll-conditioning';
import type { SplitName } from './split';

/** Which sequence of a corpus a label is asked for. */
export interface CorpusSequenceInfo {
  /** Its split. */
  readonly split: SplitName;
  /** Its index in the split (of the loaded corpus). */
  readonly index: number;
  /** MIDI folders: the file relative to the folder (`/` separators); JSON / MAT corpora: `<name>#<split>/<index>`. */
  readonly file: string;
}

/**
 * Conditioning rows for every sequence a corpus loader returns (`SequenceData.conditioning`),
 * for a model built with `spec`. The metric feature comes from each MIDI file's own time
 * signatures (see `rollMetricPositions`); the JSON / MAT corpora carry no meter, so theirs is
 * `timeSignature` (default 4/4) from the first step. `'user'` features cannot be filled by a
 * loader (attach them yourself).
 *
 * @example
 * ```ts
 * const spec = { features: [metricFeatureFor(4), { kind: 'label', name: 'style', classes: ['beat', 'fill'] }] };
 * const groove = await loadMidiCorpus(dir, { drums: true, conditioning: { spec, labels: ({ file }) => ({ style: file.includes('fill') ? 'fill' : 'beat' }) } });
 * ```
 */
export interface CorpusConditioning {
  /** The model's conditioning spec. */
  readonly spec: ConditioningSpec;
  /** The value of every `'label'` feature for one sequence. */
  readonly labels?: (sequence: CorpusSequenceInfo) => Record<string, string>;
  /** The meter of sources without one (JSON / MAT corpora), and before a MIDI file's first time signature (default 4/4). */
  readonly timeSignature?: TimeSignature;
  /** Grid resolution for a corpus file that does not state it (needed by a metric feature). */
  readonly stepsPerQuarter?: number;
}

/**
 * `seq` with conditioning rows for `options.spec` computed from `roll` (its length, grid and
 * time signatures). @internal
 */
export function withCorpusConditioning(seq: SequenceData, roll: MeteredRoll, options: CorpusConditioning, info: CorpusSequenceInfo): SequenceData {
  const conditioning = rollConditioning(roll, options.spec, { labels: options.labels?.(info), timeSignature: options.timeSignature });
  return { ...seq, conditioning };
}

/**
 * Attaches conditioning rows to the splits of a corpus without a meter of its own (the JSON /
 * MAT corpora, or sequences already loaded without conditioning): every sequence starts on a bar
 * line of `options.timeSignature` (default 4/4); labels come from `options.labels` with
 * `file` = `<name>#<split>/<index>`.
 * @throws ConditioningError when the spec has a metric feature and the grid is unknown
 * (`stepsPerQuarter` null and no `options.stepsPerQuarter`), or a label is missing.
 *
 * @example
 * ```ts
 * const jsb = await loadCorpus('jsb');
 * const metered = attachCorpusConditioning(jsb, { spec: { features: [metricFeatureFor(1)] } }, { name: 'jsb', stepsPerQuarter: 1 });
 * ```
 */
export function attachCorpusConditioning<S extends Record<SplitName, SequenceData[]>>(
  splits: S,
  options: CorpusConditioning,
  source: { readonly name: string; readonly stepsPerQuarter: number | null },
): S {
  const { name } = source;
  const spq = source.stepsPerQuarter ?? options.stepsPerQuarter ?? null;
  const metric = options.spec.features.some((f) => f.kind === 'metric');
  if (metric && spq === null) {
    throw new ConditioningError(`Corpus ${name} does not state its grid (steps per quarter note): pass conditioning.stepsPerQuarter for its metric feature.`);
  }
  const out = { ...splits };
  for (const split of ['train', 'valid', 'test'] as const) {
    out[split] = splits[split].map((seq, index) => {
      const roll = { steps: { length: seq.steps }, stepsPerQuarter: spq ?? 1, timeSignatures: [] };
      return withCorpusConditioning(seq, roll, options, { split, index, file: `${name}#${split}/${index}` });
    });
  }
  return out;
}
