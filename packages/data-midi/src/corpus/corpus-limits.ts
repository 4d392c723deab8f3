import { resolveLimits } from '../resolve-limits';

/**
 * Limits that bound the time and memory of loading a `{train, valid, test}` corpus file
 * (JSON or MAT), whatever it claims. Each is checked on the raw bytes before anything is
 * parsed or allocated; a file over a limit is refused with a `CorpusFormatError` naming the
 * limit and the place. Raise a limit per call: `loadCorpus(file, { maxTotalSteps: 5e6 })`.
 *
 * The defaults are far above the four ICML 2012 corpora (largest file 4.9 MB, longest
 * sequence 4,273 steps, most steps 392,296 (MuseData), at most about 1,000 sequences).
 */
export interface CorpusLimits {
  /** Refuse corpus files larger than this many bytes (default 64 MiB). */
  readonly maxFileBytes?: number;
  /** Refuse a sequence longer than this many steps (default 100,000). */
  readonly maxSequenceSteps?: number;
  /** Refuse a corpus with more steps than this in all splits together (default 500,000: 176 MB of 88-key float32 rolls). */
  readonly maxTotalSteps?: number;
  /** Refuse a corpus with more sequences than this in all splits together (default 100,000). */
  readonly maxSequences?: number;
  /** Refuse a compressed MAT-file element that inflates to more than this many bytes (default 256 MiB). */
  readonly maxInflatedBytes?: number;
}

/** The default {@link CorpusLimits}. */
export const DEFAULT_CORPUS_LIMITS: Required<CorpusLimits> = Object.freeze({
  maxFileBytes: 64 * 1024 * 1024,
  maxSequenceSteps: 100_000,
  maxTotalSteps: 500_000,
  maxSequences: 100_000,
  maxInflatedBytes: 256 * 1024 * 1024,
});

/**
 * The limits in effect: the defaults overridden by `options`, each a positive integer (or
 * `Infinity` to turn a limit off). Throws `ConfigError` otherwise.
 */
export function resolveCorpusLimits(options: CorpusLimits = {}): Required<CorpusLimits> {
  return resolveLimits<Required<CorpusLimits>>(DEFAULT_CORPUS_LIMITS, options);
}
