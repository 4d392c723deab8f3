import { pitchesToSequence, type DatasetSplits, type PitchRange, type SequenceData } from '@rnn-nade/core';
import { CorpusFormatError } from '../errors';
import { resolveCorpusLimits, type CorpusLimits } from './corpus-limits';

const SPLITS = ['train', 'valid', 'test'] as const;

/** The `{train, valid, test}` "pitches per step" JSON form of the corpora. */
export interface PitchListSplits {
  /** Training sequences. */
  readonly train: number[][][];
  /** Validation sequences. */
  readonly valid: number[][][];
  /** Test sequences. */
  readonly test: number[][][];
}

/**
 * Normalises one step of a corpus: pitches rounded to integers (the 8th/16th JSB files hold
 * floats like `74.0`), duplicates (voices in unison) removed, sorted ascending.
 */
export function normaliseStep(step: readonly number[]): number[] {
  let normal = true;
  for (let i = 0; i < step.length && normal; i++) normal = Number.isInteger(step[i]) && (i === 0 || step[i]! > step[i - 1]!);
  if (normal) return step.slice();
  const set = new Set<number>();
  for (const p of step) set.add(Math.round(p));
  return [...set].sort((a, b) => a - b);
}

/**
 * Checks that a parsed JSON value has the `{train, valid, test}` form (lists of sequences of
 * lists of finite pitches) and returns it with every step normalised ({@link normaliseStep}).
 * Throws {@link CorpusFormatError} naming `label` and the first offending place otherwise,
 * also when a sequence or the whole corpus exceeds the {@link CorpusLimits} in `limits`.
 */
export function validatePitchLists(json: unknown, label: string, limits: CorpusLimits = {}): PitchListSplits {
  const { maxSequenceSteps, maxTotalSteps, maxSequences } = resolveCorpusLimits(limits);
  let total = 0;
  let count = 0;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CorpusFormatError(`${label}: expected a JSON object {"train": [...], "valid": [...], "test": [...]}.`);
  }
  const obj = json as Record<string, unknown>;
  const out: Record<string, number[][][]> = {};
  for (const split of SPLITS) {
    const seqs = obj[split];
    if (!Array.isArray(seqs)) throw new CorpusFormatError(`${label}: missing or non-array "${split}" split.`);
    out[split] = seqs.map((seq, i) => {
      if (!Array.isArray(seq)) throw new CorpusFormatError(`${label}: ${split}[${i}] is not a list of steps.`);
      if (seq.length > maxSequenceSteps)
        throw new CorpusFormatError(`${label}: ${split}[${i}] has ${seq.length} steps, more than maxSequenceSteps = ${maxSequenceSteps}.`);
      total += seq.length;
      if (total > maxTotalSteps) throw new CorpusFormatError(`${label}: more than maxTotalSteps = ${maxTotalSteps} steps (reached at ${split}[${i}]).`);
      if (++count > maxSequences) throw new CorpusFormatError(`${label}: more than maxSequences = ${maxSequences} sequences (reached at ${split}[${i}]).`);
      return seq.map((step, t) => {
        if (!Array.isArray(step) || !step.every((p) => typeof p === 'number' && Number.isFinite(p))) {
          throw new CorpusFormatError(`${label}: ${split}[${i}][${t}] is not a list of MIDI pitch numbers.`);
        }
        return normaliseStep(step as number[]);
      });
    });
  }
  return out as unknown as PitchListSplits;
}

/**
 * Turns pitch lists into binary rolls over `range` (default 21..108). A pitch outside the
 * range throws {@link CorpusFormatError} naming where it is.
 */
export function pitchListsToSplits(lists: PitchListSplits, range: PitchRange, label: string): DatasetSplits {
  const low = range.low ?? 21;
  const high = range.high ?? 108;
  if (!(Number.isInteger(low) && Number.isInteger(high) && low <= high && low >= 0 && high <= 127)) {
    throw new CorpusFormatError(`Invalid pitch range ${low}..${high} (need integers 0 <= low <= high <= 127).`);
  }
  const convert = (split: keyof PitchListSplits): SequenceData[] =>
    lists[split].map((seq, i) => {
      for (let t = 0; t < seq.length; t++) {
        for (const p of seq[t]!) {
          if (p < low || p > high) {
            throw new CorpusFormatError(`${label}: pitch ${p} in ${split}[${i}] step ${t} is outside the range ${low}..${high}; pass a wider range.`);
          }
        }
      }
      return pitchesToSequence(seq, { low, high });
    });
  return { train: convert('train'), valid: convert('valid'), test: convert('test') };
}
