import { CorpusFormatError } from '../errors';

/** A corpus split. */
export type SplitName = 'train' | 'valid' | 'test';

/** Fractions for a deterministic split (the rest is train). */
export interface SplitFractions {
  /** Fraction of files in valid (default 0.1). */
  readonly valid?: number;
  /** Fraction of files in test (default 0.1). */
  readonly test?: number;
  /** Salt mixed into the hash, to draw a different (still deterministic) split. */
  readonly seed?: number;
}

/** 32-bit FNV-1a hash of a string (with an optional seed), as a number in [0, 1). */
export function hashUnit(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche so that similar names spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * Deterministic split of a file by its relative path: the same file always lands in the same
 * split, whatever other files exist (so adding files never moves old ones).
 *
 * @example
 * ```ts
 * splitOf('bach/bwv1.mid'); // 'train' | 'valid' | 'test', always the same
 * ```
 */
export function splitOf(relativePath: string, fractions: SplitFractions = {}): SplitName {
  const valid = fractions.valid ?? 0.1;
  const test = fractions.test ?? 0.1;
  if (!(valid >= 0 && test >= 0 && valid + test <= 1)) {
    throw new CorpusFormatError(`Split fractions valid=${valid}, test=${test} must be >= 0 and sum to <= 1.`);
  }
  const u = hashUnit(relativePath.replace(/\\/g, '/'), fractions.seed ?? 0);
  return u < test ? 'test' : u < test + valid ? 'valid' : 'train';
}

/** Where a split is read from a CSV (Groove MIDI's `info.csv` by default). */
export interface CsvSplitSpec {
  /** The CSV file. */
  readonly file: string;
  /** Column holding the file path relative to the corpus folder (default `midi_filename`). */
  readonly pathColumn?: string;
  /** Column holding the split (default `split`); `validation`/`val`/`dev` mean valid. */
  readonly splitColumn?: string;
}
